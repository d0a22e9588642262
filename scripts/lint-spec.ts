/**
 * Lints the spec with Redocly and exits 1 on any problem, warnings included, because
 * `redocly lint` itself exits 0 when it finds only warnings.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

interface RedoclyProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: Array<{
    source: { ref: string };
    pointer?: string;
    start?: { line: number; col: number };
  }>;
}

interface RedoclyReport {
  totals: { errors: number; warnings: number };
  problems: RedoclyProblem[];
}

const redoclyCli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');

function formatProblem(problem: RedoclyProblem): string {
  const where = problem.location[0];
  const line = where?.start ? `:${where.start.line}:${where.start.col}` : '';
  const pointer = where?.pointer ? ` ${where.pointer}` : '';

  return `${where?.source.ref ?? 'openapi'}${line}${pointer}\n  ${problem.severity} ${problem.ruleId}: ${problem.message}`;
}

const result = spawnSync(process.execPath, [redoclyCli, 'lint', '--format', 'json'], {
  encoding: 'utf8',
  env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
});

let report: RedoclyReport;
try {
  report = JSON.parse(result.stdout) as RedoclyReport;
} catch {
  process.stderr.write(
    `redocly lint did not print a JSON report (exit code ${result.status}):\n${result.stdout}${result.stderr}`,
  );
  process.exit(1);
}

if (report.problems.length > 0) {
  process.stderr.write(`${report.problems.map(formatProblem).join('\n')}\n`);
  process.stderr.write(
    `Spec lint failed: ${report.totals.errors} errors and ${report.totals.warnings} warnings. Every problem fails the lint.\n`,
  );
  process.exit(1);
}

process.stdout.write('Spec lint: openapi/openapi.yaml has no problems.\n');
