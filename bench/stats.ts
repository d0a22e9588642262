/** Returns the median of a non-empty list of numbers. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');

  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  if (sorted.length % 2 === 1) return upper;

  return ((sorted[middle - 1] as number) + upper) / 2;
}

/** Formats a number with a fixed count of decimals. */
export function formatNumber(value: number, decimals = 0): string {
  return value.toFixed(decimals);
}

/** Reports whether `value` is within `budget`, as a table cell. */
export function budgetCell(value: number, budget: number): string {
  return value <= budget ? 'met' : 'missed';
}
