/** Settings and result types of the per-call benchmark, shared by parent and worker. */

export type Mode = 'sequential' | 'concurrent';

export const perCallSettings = {
  /** Measured calls per contender and round. */
  calls: { sequential: 3000, concurrent: 4000 },
  /** Calls that each worker makes before it measures. */
  warmUpCalls: 2000,
  rounds: 7,
  /** Calls in flight at once in the concurrent mode. */
  inFlight: 64,
} as const;

/** Figures of one contender in one mode. */
export interface ContenderFigures {
  name: string;
  mode: Mode;
  /** Median over rounds of wall time per call, in microseconds. */
  wallMicros: number;
  /** Median over rounds of the worker's CPU time (user + system) per call, in microseconds. */
  cpuMicros: number;
  /** Median over rounds of the wall time ratio to raw fetch in the same round. */
  ratioToFetch: number;
  /** Lowest and highest of those per-round ratios, to show the spread of one run. */
  ratioRange: [number, number];
}

export interface PerCallResult {
  figures: ContenderFigures[];
}

/** Measurement of one worker: one contender, one mode, one round. */
export interface RoundSample {
  wallMicros: number;
  cpuMicros: number;
}
