/** Statuses that mean "try again later": timeout, rate limit, and gateway failures. */
const retryableStatuses = new Set([408, 429, 502, 503, 504]);
// Only methods without side effects are retried, so a retry never repeats a change.
const retryableMethods = new Set(['GET', 'HEAD']);
/** Delay before the first retry without `Retry-After`, in milliseconds; it doubles each time. */
const initialRetryDelay = 500;

/** The outcome of one attempt, as far as the retry decision needs it. */
export type AttemptResult =
  | { kind: 'response'; status: number; retryAfter: string | null }
  | { kind: 'timeout' }
  | { kind: 'connection'; code: string | undefined; isCertificateError: boolean };

/** Returns why the attempt may be retried, or `undefined` when it may not. */
export function retryReason(method: string, result: AttemptResult): string | undefined {
  if (!retryableMethods.has(method)) return undefined;
  switch (result.kind) {
    case 'response':
      return retryableStatuses.has(result.status) ? `status ${result.status}` : undefined;
    case 'timeout':
      return 'timeout';
    case 'connection':
      // A certificate that failed verification fails the same way on every attempt.
      if (result.isCertificateError) return undefined;

      return result.code ? `connection failure ${result.code}` : 'connection failure';
  }
}

/**
 * Parses a `Retry-After` value, delay-seconds or an HTTP date (RFC 9110, section 10.2.3),
 * into milliseconds from `now`. Returns `undefined` for a missing or invalid value.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;

  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;

  // Every HTTP-date form starts with a day name. The check keeps Date.parse, which is
  // lenient, from reading values such as "-1" or "1.5" as dates.
  if (!/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)/.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;

  return Math.max(0, date - now);
}

/**
 * Returns the delay in milliseconds before retry number `retry` (1 for the first).
 * `Retry-After` wins when present. Otherwise the delay doubles from 500 ms, with
 * jitter that picks a value between half and all of it, so that clients spread out.
 * Both are capped at `maxRetryDelay`.
 */
export function retryDelay(
  retry: number,
  retryAfter: string | null,
  maxRetryDelay: number,
  random: () => number = Math.random,
  now: number = Date.now(),
): number {
  const requested = parseRetryAfter(retryAfter, now);
  if (requested !== undefined) return Math.min(requested, maxRetryDelay);

  const backoff = Math.min(initialRetryDelay * 2 ** (retry - 1), maxRetryDelay);

  return Math.round(backoff * (0.5 + random() * 0.5));
}

/** Resolves after `delay` milliseconds, or rejects with the signal's reason when it aborts. */
export function sleep(delay: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }

    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, delay);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
