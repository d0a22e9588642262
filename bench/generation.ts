/** Wall time of `npm run generate`, as a developer runs it. */
import { runChild } from './child.js';
import { median } from './stats.js';

export const generationSettings = { runs: 5, budgetMs: 3000 } as const;

export interface GenerationResult {
  /** Median wall time per run, in milliseconds. */
  wallMs: number;
  runs: number;
}

const npmCommand = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * Runs `npm run generate` several times. Each run bundles the spec and builds both files,
 * but writes only those whose content changed, so runs after the first write nothing.
 */
export async function measureGeneration(): Promise<GenerationResult> {
  const cwd = new URL('..', import.meta.url).pathname;
  const times: number[] = [];
  for (let run = 0; run < generationSettings.runs; run += 1) {
    const { wallMs } = await runChild(npmCommand, ['run', '--silent', 'generate', '--prefix', cwd]);
    times.push(wallMs);
  }

  return { wallMs: median(times), runs: generationSettings.runs };
}
