/** Settings and result types of the per-call benchmark, shared by parent and worker. */

export type Mode = 'sequential' | 'concurrent';

export const perCallSettings = {
  /** Measured calls per contender and round. */
  calls: { sequential: 1000, concurrent: 2000 },
  /** Calls that each worker makes before it measures. */
  warmUpCalls: 1000,
  rounds: 5,
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
}

export interface PerCallResult {
  figures: ContenderFigures[];
}

/** What one worker measured: one contender, one mode, one round. */
export interface RoundSample {
  wallMicros: number;
  cpuMicros: number;
}
