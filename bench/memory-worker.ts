/**
 * Child process of the memory benchmark: `node --expose-gc --import tsx
 * bench/memory-worker.ts <origin>`. Writes a MemoryResult as JSON to stdout.
 */
import { benchApiKey } from './contenders.js';
import { benchRunnerId } from './fixture.js';
import { loadBuiltLibrary } from './library.js';
import { type MemoryResult, memorySettings } from './memory-settings.js';

const collectGarbage = (globalThis as { gc?: () => void }).gc;

/** Returns the used heap after two forced collections, in bytes. */
function settledHeapBytes(): number {
  if (collectGarbage === undefined) throw new Error('Run the memory worker with --expose-gc.');
  collectGarbage();
  collectGarbage();

  return process.memoryUsage().heapUsed;
}

async function main(): Promise<void> {
  const origin = process.argv[2];
  if (origin === undefined) throw new Error('Usage: memory-worker.ts <origin>');

  const { createEceClient } = await loadBuiltLibrary();
  const client = createEceClient({ baseUrl: origin, auth: { apiKey: benchApiKey } });
  const beforeFirstCall = settledHeapBytes();
  for (let call = 0; call < memorySettings.warmUpCalls; call += 1) {
    await client.getRunner(benchRunnerId);
  }
  const afterWarmUp = settledHeapBytes();
  for (let call = 0; call < memorySettings.calls; call += 1) {
    await client.getRunner(benchRunnerId);
  }
  const afterCalls = settledHeapBytes();

  const result: MemoryResult = { beforeFirstCall, afterWarmUp, afterCalls };
  process.stdout.write(JSON.stringify(result));
}

await main();
