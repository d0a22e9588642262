/** Settings and result of the memory benchmark, shared by parent and worker. */

export const memorySettings = {
  /** Calls before the baseline, so that loading Node's fetch is not counted as growth. */
  warmUpCalls: 100,
  calls: 10_000,
  /** 10 MB, in decimal units. */
  budgetBytes: 10_000_000,
} as const;

/** Used heap in bytes, each after two forced collections. */
export interface MemoryResult {
  beforeFirstCall: number;
  afterWarmUp: number;
  afterCalls: number;
}
