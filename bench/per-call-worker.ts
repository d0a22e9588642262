/**
 * Child process of the per-call benchmark: `node --expose-gc --import tsx
 * bench/per-call-worker.ts <origin>`. It runs every contender in interleaved rounds and
 * writes a PerCallResult as JSON to stdout.
 */
import { type Contender, createContenders } from './contenders.js';
import { benchRunnerId } from './fixture.js';
import { loadBuiltLibrary } from './library.js';
import {
  type ContenderFigures,
  type Mode,
  type PerCallResult,
  perCallSettings,
} from './per-call-settings.js';
import { median } from './stats.js';

interface RoundSample {
  wallMicros: number;
  cpuMicros: number;
}

async function runSequential(contender: Contender, calls: number): Promise<void> {
  for (let index = 0; index < calls; index += 1) await contender.call();
}

async function runConcurrent(contender: Contender, calls: number): Promise<void> {
  let started = 0;
  const lane = async () => {
    while (started < calls) {
      started += 1;
      await contender.call();
    }
  };
  await Promise.all(Array.from({ length: perCallSettings.inFlight }, lane));
}

function run(contender: Contender, mode: Mode, calls: number): Promise<void> {
  return mode === 'sequential' ? runSequential(contender, calls) : runConcurrent(contender, calls);
}

const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** Measures one round; a forced GC first keeps one contender's garbage out of the next. */
async function measureRound(contender: Contender, mode: Mode): Promise<RoundSample> {
  const calls = perCallSettings.calls[mode];
  collectGarbage();
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  await run(contender, mode, calls);
  const wallMicros = ((performance.now() - wallBefore) * 1000) / calls;
  const cpu = process.cpuUsage(cpuBefore);

  return { wallMicros, cpuMicros: (cpu.user + cpu.system) / calls };
}

/** Rotates the list by `offset`, so that each contender takes each position in turn. */
function rotate<T>(items: readonly T[], offset: number): T[] {
  const start = offset % items.length;

  return [...items.slice(start), ...items.slice(0, start)];
}

async function checkContender(contender: Contender): Promise<void> {
  const runner = (await contender.call()) as { runner_id?: unknown };
  if (runner.runner_id !== benchRunnerId) {
    throw new Error(`${contender.name} returned no runner ${benchRunnerId}`);
  }
}

async function measureMode(contenders: Contender[], mode: Mode): Promise<ContenderFigures[]> {
  for (const contender of contenders) await run(contender, mode, perCallSettings.warmUpCalls);

  const samples = new Map<Contender, RoundSample[]>(contenders.map((item) => [item, []]));
  for (let round = 0; round < perCallSettings.rounds; round += 1) {
    for (const contender of rotate(contenders, round)) {
      samples.get(contender)?.push(await measureRound(contender, mode));
    }
  }

  return summarize(contenders, mode, samples);
}

function summarize(
  contenders: Contender[],
  mode: Mode,
  samples: Map<Contender, RoundSample[]>,
): ContenderFigures[] {
  const reference = samples.get(contenders[0] as Contender) ?? [];

  return contenders.map((contender) => {
    const rounds = samples.get(contender) ?? [];
    const ratios = rounds.map(
      (sample, round) => sample.wallMicros / (reference[round] as RoundSample).wallMicros,
    );

    return {
      name: contender.name,
      mode,
      wallMicros: median(rounds.map((sample) => sample.wallMicros)),
      cpuMicros: median(rounds.map((sample) => sample.cpuMicros)),
      ratioToFetch: median(ratios),
    };
  });
}

async function main(): Promise<void> {
  const origin = process.argv[2];
  if (origin === undefined) throw new Error('Usage: per-call-worker.ts <origin>');

  const { createEceClient } = await loadBuiltLibrary();
  const contenders = createContenders(origin, createEceClient);
  for (const contender of contenders) await checkContender(contender);

  const figures = [
    ...(await measureMode(contenders, 'sequential')),
    ...(await measureMode(contenders, 'concurrent')),
  ];
  process.stdout.write(JSON.stringify({ figures } satisfies PerCallResult));
}

await main();
