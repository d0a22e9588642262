import type { Runner } from '../index.js';

/** ANSI styles for the text output, or no-ops when colour is off. */
export interface TextStyle {
  heading(text: string): string;
  good(text: string): string;
  bad(text: string): string;
}

const plain: TextStyle = {
  heading: (text) => text,
  good: (text) => text,
  bad: (text) => text,
};

const ansi: TextStyle = {
  heading: (text) => `\x1b[1m${text}\x1b[22m`,
  good: (text) => `\x1b[32m${text}\x1b[39m`,
  bad: (text) => `\x1b[31m${text}\x1b[39m`,
};

/** Returns the styles to use: colour only on a terminal, and never when NO_COLOR is set. */
export function selectStyle(isTerminal: boolean, noColor: string | undefined): TextStyle {
  // https://no-color.org: any non-empty NO_COLOR turns colour off.
  return isTerminal && (noColor === undefined || noColor === '') ? ansi : plain;
}

/**
 * Replaces control characters in a value from the server, so that a runner field cannot
 * move the cursor or change the colours of the terminal.
 */
function printable(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are the target.
  return value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

/** Returns the names of the health checks that failed, such as `is_docker_healthy`. */
export function failedHealthChecks(runner: Runner): string[] {
  const checks: Record<string, unknown> = runner.health_checks ?? {};

  return Object.entries(checks)
    .filter(([, passed]) => passed === false)
    .map(([name]) => name);
}

function describeHealthy(runner: Runner, style: TextStyle): string {
  if (runner.healthy) return style.good('yes');

  const failed = failedHealthChecks(runner);
  const reason = failed.length > 0 ? ` (failed checks: ${failed.map(printable).join(', ')})` : '';

  return `${style.bad('no')}${reason}`;
}

function describeBuild(runner: Runner): string | undefined {
  const build = runner.build_info;
  if (build === undefined) return undefined;

  const version = build.version ?? 'unknown version';

  return build.commit_hash === undefined ? version : `${version}, commit ${build.commit_hash}`;
}

/** Formats `[label, value]` rows as two aligned columns, each row indented by `indent`. */
function formatRows(rows: Array<[string, string]>, indent: string): string[] {
  const width = Math.max(...rows.map(([label]) => label.length));

  return rows.map(([label, value]) => `${indent}${label.padEnd(width)}  ${value}`.trimEnd());
}

/** Groups container names by container set, in the order in which each set first appears. */
function groupContainers(runner: Runner): Array<[string, string]> {
  const sets = new Map<string, string[]>();
  for (const container of runner.containers) {
    const names = sets.get(container.container_set_name) ?? [];
    names.push(container.container_name);
    sets.set(container.container_set_name, names);
  }

  return [...sets].map(([set, names]) => [printable(set), names.map(printable).join(', ')]);
}

function formatSection(title: string, rows: Array<[string, string]>, style: TextStyle): string[] {
  const body = rows.length > 0 ? formatRows(rows, '  ') : ['  none'];

  return ['', style.heading(title), ...body];
}

function summaryRows(runner: Runner, style: TextStyle): Array<[string, string]> {
  const rows: Array<[string, string | undefined]> = [
    ['Runner', runner.runner_id],
    ['Name', runner.runner_name],
    ['Healthy', describeHealthy(runner, style)],
    ['Connected', runner.connected ? style.good('yes') : style.bad('no')],
    ['Zone', runner.zone],
    ['Region', runner.region],
    ['Host IP', runner.host_ip],
    ['Hostname', runner.public_hostname],
    ['Roles', runner.roles.map((role) => role.role_name).join(', ') || 'none'],
    ['Build', describeBuild(runner)],
  ];
  // Healthy and Connected are already made printable and may contain colour codes.
  const styled = new Set(['Healthy', 'Connected']);

  return rows
    .filter((row): row is [string, string] => row[1] !== undefined)
    .map(([label, value]) => [label, styled.has(label) ? value : printable(value)]);
}

/** Formats a runner as the readable summary of `ece-runners get`, ending with a line break. */
export function formatRunner(runner: Runner, style: TextStyle): string {
  const tags = Object.entries(runner.tags ?? {}).map(([name, value]): [string, string] => [
    printable(name),
    printable(value),
  ]);
  const features = Object.entries(runner.features ?? {}).map(
    ([name, enabled]): [string, string] => [printable(name), enabled ? 'enabled' : 'disabled'],
  );
  const lines = [
    ...formatRows(summaryRows(runner, style), ''),
    ...formatSection('Containers', groupContainers(runner), style),
    ...formatSection('Tags', tags, style),
    ...formatSection('Features', features, style),
  ];

  return `${lines.join('\n')}\n`;
}

/** Result of `--check`: whether the runner passed, and a one-line verdict. */
export interface CheckResult {
  passed: boolean;
  line: string;
}

/** Checks that the runner is connected and healthy, for monitoring probes. */
export function checkRunner(runner: Runner): CheckResult {
  const id = printable(runner.runner_id);
  if (runner.connected && runner.healthy) {
    return { passed: true, line: `OK: runner ${id} is connected and healthy` };
  }

  const problems: string[] = [];
  if (!runner.connected) problems.push('not connected');
  if (!runner.healthy) {
    const failed = failedHealthChecks(runner);
    const reason = failed.length > 0 ? ` (failed checks: ${failed.map(printable).join(', ')})` : '';
    problems.push(`not healthy${reason}`);
  }

  return { passed: false, line: `FAILED: runner ${id} is ${problems.join(' and ')}` };
}
