/**
 * Child process of the per-call benchmark: `node --import tsx bench/per-call-worker.ts
 * <origin> <contender> <mode>`. It warms up one contender, measures it once and writes a
 * RoundSample as JSON to stdout. A fresh process per sample keeps the JIT state and the
 * garbage of one contender away from the next.
 */
import { type Contender, contenderNames, createContenders } from './contenders.js';
import { benchRunnerId } from './fixture.js';
import { loadBuiltLibrary } from './library.js';
import { type Mode, perCallSettings, type RoundSample } from './per-call-settings.js';

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

async function measure(contender: Contender, mode: Mode): Promise<RoundSample> {
  const calls = perCallSettings.calls[mode];
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  await run(contender, mode, calls);
  const wallMicros = ((performance.now() - wallBefore) * 1000) / calls;
  const cpu = process.cpuUsage(cpuBefore);

  return { wallMicros, cpuMicros: (cpu.user + cpu.system) / calls };
}

async function checkContender(contender: Contender): Promise<void> {
  const runner = (await contender.call()) as { runner_id?: unknown };
  if (runner.runner_id !== benchRunnerId) {
    throw new Error(`${contender.name} returned no runner ${benchRunnerId}`);
  }
}

async function main(): Promise<void> {
  const [origin, name, mode] = process.argv.slice(2);
  if (origin === undefined || (mode !== 'sequential' && mode !== 'concurrent')) {
    throw new Error('Usage: per-call-worker.ts <origin> <contender> sequential|concurrent');
  }

  const { createEceClient } = await loadBuiltLibrary();
  const contender = createContenders(origin, createEceClient).find((item) => item.name === name);
  if (contender === undefined) {
    throw new Error(`Unknown contender "${name}". Expected one of: ${contenderNames.join(', ')}.`);
  }

  await checkContender(contender);
  await run(contender, mode, perCallSettings.warmUpCalls);
  process.stdout.write(JSON.stringify(await measure(contender, mode)));
}

await main();
