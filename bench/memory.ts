/** Parent side of the memory benchmark: runs the worker against a server of this process. */
import { runTypeScript } from './child.js';
import type { MemoryResult } from './memory-settings.js';
import type { BenchServer } from './server.js';

export async function measureMemory(server: BenchServer): Promise<MemoryResult> {
  const { stdout } = await runTypeScript('./memory-worker.ts', [server.origin], ['--expose-gc']);

  return JSON.parse(stdout) as MemoryResult;
}
