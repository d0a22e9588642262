/**
 * Parent side of the per-call benchmark. Each round runs every contender once, each in a
 * fresh worker process, in an order rotated by one place per round.
 */
import { runTypeScript } from './child.js';
import { contenderNames } from './contenders.js';
import {
  type ContenderFigures,
  type Mode,
  type PerCallResult,
  perCallSettings,
  type RoundSample,
} from './per-call-settings.js';
import type { BenchServer } from './server.js';
import { median } from './stats.js';

/** Rotates the list by `offset`, so that each contender takes each position in turn. */
function rotate<T>(items: readonly T[], offset: number): T[] {
  const start = offset % items.length;

  return [...items.slice(start), ...items.slice(0, start)];
}

async function measureSample(server: BenchServer, name: string, mode: Mode): Promise<RoundSample> {
  const { stdout } = await runTypeScript('./per-call-worker.ts', [server.origin, name, mode]);

  return JSON.parse(stdout) as RoundSample;
}

/** Summarizes the rounds. The first name is the reference that ratios are taken against. */
function summarize(
  names: readonly string[],
  mode: Mode,
  samples: Map<string, RoundSample[]>,
): ContenderFigures[] {
  const reference = samples.get(names[0] as string) ?? [];

  return names.map((name) => {
    const rounds = samples.get(name) ?? [];
    const ratios = rounds.map(
      (sample, round) => sample.wallMicros / (reference[round] as RoundSample).wallMicros,
    );

    return {
      name,
      mode,
      wallMicros: median(rounds.map((sample) => sample.wallMicros)),
      cpuMicros: median(rounds.map((sample) => sample.cpuMicros)),
      ratioToFetch: median(ratios),
      ratioRange: [Math.min(...ratios), Math.max(...ratios)],
    };
  });
}

async function measureMode(server: BenchServer, mode: Mode): Promise<ContenderFigures[]> {
  const samples = new Map<string, RoundSample[]>(contenderNames.map((name) => [name, []]));
  for (let round = 0; round < perCallSettings.rounds; round += 1) {
    for (const name of rotate(contenderNames, round)) {
      samples.get(name)?.push(await measureSample(server, name, mode));
    }
  }

  return summarize(contenderNames, mode, samples);
}

export async function measurePerCall(server: BenchServer): Promise<PerCallResult> {
  const sequential = await measureMode(server, 'sequential');
  const concurrent = await measureMode(server, 'concurrent');

  return { figures: [...sequential, ...concurrent] };
}
