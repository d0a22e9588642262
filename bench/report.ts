/** Renders the benchmark results as the Markdown of docs/BENCHMARKS.md. */
import { type GenerationResult, generationSettings } from './generation.js';
import { isLoaded, type MachineInfo } from './machine.js';
import { type MemoryResult, memorySettings } from './memory-settings.js';
import { type ContenderFigures, perCallSettings } from './per-call-settings.js';
import { type BundleSize, sizeBudgetBytes } from './size.js';
import { type StartupResult, startupSettings } from './startup.js';
import { budgetCell, formatNumber } from './stats.js';

export const perCallBudgetRatio = 1.1;
export const startupBudgetRatio = 1.3;
export const perCallBudgetContender = 'getRunner, validated';
const timeoutFloorContender = 'raw fetch + timeout signal';

export interface BenchResults {
  machine: MachineInfo;
  runnerBodyBytes: number;
  perCall: ContenderFigures[];
  startup: StartupResult;
  bundles: BundleSize[];
  runtimePackages: string[];
  generation: GenerationResult;
  memory: MemoryResult;
}

/** One row of the budget summary. */
export interface BudgetRow {
  budget: string;
  figure: string;
  status: string;
}

function table(header: string[], rows: string[][]): string {
  const lines = [header, header.map(() => '---'), ...rows].map(
    (cells) => `| ${cells.join(' | ')} |`,
  );

  return lines.join('\n');
}

const megabyte = 1_000_000;

function perCallBudget(results: BenchResults): BudgetRow {
  const figure = results.perCall.find(
    (item) => item.name === perCallBudgetContender && item.mode === 'sequential',
  );
  const ratio = figure?.ratioToFetch ?? Number.NaN;

  return {
    budget: `${perCallBudgetContender}, sequential ≤ ${perCallBudgetRatio} × raw fetch`,
    figure: `${formatNumber(ratio, 3)} ×`,
    status: budgetCell(ratio, perCallBudgetRatio),
  };
}

function startupBudget(results: BenchResults): BudgetRow {
  const budget = `ece-runners --version ≤ ${startupBudgetRatio} × node -e ""`;
  if ('skipped' in results.startup) {
    return { budget, figure: results.startup.skipped, status: 'not measured' };
  }

  const { figures } = results.startup;
  const version = figures.find((item) => item.name === 'ece-runners --version');
  const bare = figures.find((item) => item.name === 'node -e ""');
  const ratio = (version?.wallMs ?? Number.NaN) / (bare?.wallMs ?? Number.NaN);

  return {
    budget,
    figure: `${formatNumber(ratio, 2)} ×`,
    status: budgetCell(ratio, startupBudgetRatio),
  };
}

function sizeBudget(results: BenchResults): BudgetRow {
  const largest = Math.max(...results.bundles.map((bundle) => bundle.gzippedBytes));

  return {
    budget: `library bundle, minified and gzipped, with openapi-fetch bundled ≤ ${sizeBudgetBytes / 1000} kB`,
    figure: `${formatNumber(largest / 1000, 1)} kB`,
    status: budgetCell(largest, sizeBudgetBytes),
  };
}

function generationBudget(results: BenchResults): BudgetRow {
  const { wallMs } = results.generation;

  return {
    budget: `npm run generate ≤ ${generationSettings.budgetMs / 1000} s`,
    figure: `${formatNumber(wallMs / 1000, 2)} s`,
    status: budgetCell(wallMs, generationSettings.budgetMs),
  };
}

function memoryBudget(results: BenchResults): BudgetRow {
  const growth = results.memory.afterCalls - results.memory.afterWarmUp;

  return {
    budget: `heap growth over ${memorySettings.calls} getRunner calls < ${memorySettings.budgetBytes / megabyte} MB`,
    figure: `${formatNumber(growth / megabyte, 2)} MB`,
    status: growth < memorySettings.budgetBytes ? 'met' : 'missed',
  };
}

/** Checks every budget against the results. */
export function checkBudgets(results: BenchResults): BudgetRow[] {
  return [
    perCallBudget(results),
    startupBudget(results),
    sizeBudget(results),
    generationBudget(results),
    memoryBudget(results),
  ];
}

export function renderBudgets(rows: BudgetRow[]): string {
  return table(
    ['Budget', 'Figure', 'Status'],
    rows.map((row) => [row.budget, row.figure, row.status]),
  );
}

/** Compares getRunner with raw fetch plus the timeout signal that the transport adds. */
function renderTimeoutFloor(figures: ContenderFigures[]): string {
  const ratioOf = (name: string) =>
    figures.find((item) => item.name === name && item.mode === 'sequential')?.ratioToFetch ??
    Number.NaN;
  const floor = ratioOf(timeoutFloorContender);
  const client = ratioOf(perCallBudgetContender);

  return `Sequentially, raw fetch with only the per-attempt timeout signal that the transport adds costs ${formatNumber(floor, 2)} × raw fetch in this run, and \`${perCallBudgetContender}\` costs ${formatNumber(client / floor, 2)} × that.`;
}

/**
 * Explains the share of openapi-fetch: getRunner is a facade over it, so the per-call
 * budget cannot be lower than what openapi-fetch alone costs in the same run.
 */
function renderOpenapiFetchShare(figures: ContenderFigures[]): string {
  const ratioOf = (name: string) =>
    figures.find((item) => item.name === name && item.mode === 'sequential')?.ratioToFetch ??
    Number.NaN;
  const openapiFetch = ratioOf('openapi-fetch alone');
  const added = ratioOf(perCallBudgetContender) / openapiFetch;
  const verdict =
    openapiFetch > perCallBudgetRatio
      ? `That alone is over the budget of ${perCallBudgetRatio} × in this run, before any work of getRunner's own, and getRunner keeps openapi-fetch, the project's typed client, for its request.`
      : `That is within the budget of ${perCallBudgetRatio} ×.`;

  return `\`${perCallBudgetContender}\` builds its request with openapi-fetch. openapi-fetch alone, with none of the client's timeouts, size limit or validation, costs ${formatNumber(openapiFetch, 2)} × raw fetch sequentially in this run. ${verdict} The per-attempt timeout, the size-limited body read and the validation add ${formatNumber(added, 2)} × on top of openapi-fetch alone.`;
}

export function renderPerCall(figures: ContenderFigures[]): string {
  return [
    renderPerCallTable(figures),
    renderTimeoutFloor(figures),
    renderOpenapiFetchShare(figures),
    renderSpreadNote(figures),
  ].join('\n\n');
}

function renderPerCallTable(figures: ContenderFigures[]): string {
  return table(
    [
      'Contender',
      'Mode',
      'Wall µs/call',
      'Client CPU µs/call',
      'Ratio to raw fetch',
      'Ratio range',
    ],
    figures.map((item) => [
      item.name,
      item.mode === 'sequential' ? 'sequential' : `${perCallSettings.inFlight} in flight`,
      formatNumber(item.wallMicros),
      formatNumber(item.cpuMicros),
      formatNumber(item.ratioToFetch, 2),
      `${formatNumber(item.ratioRange[0], 2)}–${formatNumber(item.ratioRange[1], 2)}`,
    ]),
  );
}

export function renderStartup(startup: StartupResult): string {
  if ('skipped' in startup) return startup.skipped;

  return table(
    ['Command', 'Median wall ms'],
    startup.figures.map((item) => [`\`${item.name}\``, formatNumber(item.wallMs, 1)]),
  );
}

export function renderSize(bundles: BundleSize[], runtimePackages: string[]): string {
  const rows = bundles.map((bundle) => [
    bundle.name,
    bundle.external.join(', '),
    String(bundle.minifiedBytes),
    String(bundle.gzippedBytes),
  ]);

  return [
    table(['Bundle', 'External', 'Minified bytes', 'Gzipped bytes'], rows),
    '',
    `Installed runtime packages: ${runtimePackages.length} (${runtimePackages.join(', ')}).`,
  ].join('\n');
}

export function renderMemory(memory: MemoryResult): string {
  const rows = [
    ['before the first call', memory.beforeFirstCall],
    [`after ${memorySettings.warmUpCalls} warm-up calls`, memory.afterWarmUp],
    [`after ${memorySettings.calls} more calls`, memory.afterCalls],
  ].map(([label, bytes]) => [String(label), formatNumber(Number(bytes) / megabyte, 2)]);

  return table(['Point', 'Used heap MB'], rows);
}

function renderMachine(machine: MachineInfo): string {
  return [
    `- CPU: ${machine.cpuModel}, ${machine.cores} cores`,
    `- Memory: ${formatNumber(machine.memoryGiB, 1)} GiB`,
    `- OS: ${machine.platform}`,
    `- Node.js: ${machine.nodeVersion}`,
    `- One-minute load average at the start: ${formatNumber(machine.loadAtStart, 2)}`,
  ].join('\n');
}

function renderNoiseNote(machine: MachineInfo): string {
  if (!isLoaded(machine)) return '';

  return '\n**Possibly noisy run.** The one-minute load average at the start was above a quarter of the cores, so other work may have run during the measurement. Sizes and package counts do not depend on load.\n';
}

/** States how far one ratio can be trusted, from the spread of its rounds. */
function renderSpreadNote(figures: ContenderFigures[]): string {
  const figure = figures.find(
    (item) => item.name === perCallBudgetContender && item.mode === 'sequential',
  );
  if (!figure) return '';

  const [low, high] = figure.ratioRange;

  return `The rounds of \`${perCallBudgetContender}\` ranged from ${formatNumber(low, 2)} to ${formatNumber(high, 2)} × raw fetch in this run ("Ratio range"), so a median within that spread of the budget is at the limit of what one run can show.`;
}

function renderMethod(results: BenchResults): string {
  const { calls, warmUpCalls, rounds, inFlight } = perCallSettings;

  return `## Method

\`npm run bench\` runs \`bench/run.ts\`. It starts one \`node:http\` server on 127.0.0.1 and a free port, with keep-alive, which returns a runner of ${results.runnerBodyBytes} bytes of JSON (\`bench/fixture.ts\`) for \`GET /api/v1/platform/infrastructure/runners/192.0.2.21\`. The server runs in the parent process, and every client runs in a child process, so client and server do not share an event loop. The run first builds \`dist/\` with \`npm run build\`, and the workers load the library from there, as users run it, not through tsx.

- **Per call** (\`bench/per-call.ts\` and \`bench/per-call-worker.ts\`): every contender sends \`Accept\` and \`Authorization\` and parses the JSON body. Each of ${rounds} rounds measures every contender once, in an order rotated by one place per round, and each measurement runs in a fresh child process, so that no contender inherits the JIT state or the garbage of another. The child makes ${warmUpCalls} warm-up calls, then measures ${calls.sequential} sequential calls, or ${calls.concurrent} calls with at most ${inFlight} in flight. A figure is the median over rounds. The ratio is the median of the per-round ratios to raw fetch, so both sides of a ratio come from the same round. Raw fetch, openapi-fetch and \`getRunner\` use Node's built-in fetch; \`undici.request\` uses the undici package and its own connection pool. Client CPU is the user and system time of the child process per measured call.
- **CLI start-up** (\`bench/startup.ts\`): ${startupSettings.warmUpSpawns} warm-up spawns, then the median wall time from spawn to exit over ${startupSettings.spawns} spawns of each command, in turn. The bare script fetches the same URL with the same headers. Both \`ece-runners\` commands run \`dist/src/cli/bin.js\`, and \`get\` runs with \`EC_API_KEY\` set. Without that file the section reports \`skipped: CLI not built\`.
- **Size** (\`bench/size.ts\`): esbuild bundles \`src/index.ts\` with \`platform: 'node'\`, \`format: 'esm'\` and \`minify: true\`, and zlib gzips it at level 9. undici stays external in both bundles, because the client imports it only for the \`tls\` option. The CLI is not in the bundle. Runtime packages are the entries of \`package-lock.json\` that are not dev-only, which is what \`npm ci --omit=dev\` installs.
- **Generation** (\`bench/generation.ts\`): the median wall time of ${generationSettings.runs} runs of \`npm run generate\`, npm start-up included. Each run bundles the spec and generates both files, but it writes a file only when its content changed, so with an up-to-date \`generated/\` it writes nothing.
- **Memory** (\`bench/memory-worker.ts\`, one child process with \`--expose-gc\`): the used heap after two forced GCs, before the first call, after ${memorySettings.warmUpCalls} sequential warm-up calls and after ${memorySettings.calls} more. Growth is the last figure minus the second, because the first calls load Node's fetch implementation once.
`;
}

/** Renders the whole page. */
export function renderPage(results: BenchResults): string {
  return `# Benchmarks

Figures from one run of \`npm run bench\`. Timings depend on the machine and its load, so compare ratios within a run rather than absolute times across machines.

## Machine

${renderMachine(results.machine)}
${renderNoiseNote(results.machine)}
## Budgets

${renderBudgets(checkBudgets(results))}

## Per-call cost

${renderPerCall(results.perCall)}

## CLI start-up

${renderStartup(results.startup)}

## Size

${renderSize(results.bundles, results.runtimePackages)}

## Memory

${renderMemory(results.memory)}

${renderMethod(results)}`;
}
