/** Parent side of the per-call benchmark: runs the worker against a server of this process. */
import { runTypeScript } from './child.js';
import type { PerCallResult } from './per-call-settings.js';
import type { BenchServer } from './server.js';

export async function measurePerCall(server: BenchServer): Promise<PerCallResult> {
  const { stdout } = await runTypeScript('./per-call-worker.ts', [server.origin], ['--expose-gc']);

  return JSON.parse(stdout) as PerCallResult;
}
