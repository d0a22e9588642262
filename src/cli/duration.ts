/** Milliseconds per unit of a duration such as `1m30s`. */
const unitMilliseconds: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

// setTimeout fires at once for delays above 2^31 - 1 ms, so the client rejects larger timeouts.
export const maxDurationMilliseconds = 2_147_483_647;

const durationPattern = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;
const partPattern = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;

/**
 * Parses a duration such as `500ms`, `30s`, `2m` or `1m30s` into whole milliseconds.
 * Returns `undefined` when the text is not a duration, when it rounds to 0 ms, or when it
 * is longer than {@link maxDurationMilliseconds}.
 */
export function parseDuration(text: string): number | undefined {
  if (!durationPattern.test(text)) return undefined;

  let total = 0;
  for (const [, amount, unit] of text.matchAll(partPattern)) {
    total += Number(amount) * (unitMilliseconds[unit as string] ?? Number.NaN);
  }
  const milliseconds = Math.round(total);
  if (!(milliseconds >= 1 && milliseconds <= maxDurationMilliseconds)) return undefined;

  return milliseconds;
}
