/**
 * The HTTP layer under openapi-fetch: one attempt at a time with a timeout, a size limit
 * on the body, no redirects, and retries of idempotent requests.
 */
import {
  EceConnectionError,
  EceResponseTooLargeError,
  EceTimeoutError,
  type RequestDetails,
} from './errors.js';
import { type EceLogger, redactHeaders } from './logger.js';
import type { FetchFunction } from './options.js';
import { type AttemptResult, retryDelay, retryReason, sleep } from './retry.js';

export interface TransportSettings {
  fetch: FetchFunction;
  /** Timeout of each attempt, in milliseconds. */
  timeout: number;
  maxRetries: number;
  /** Maximum delay before a retry, in milliseconds. */
  maxRetryDelay: number;
  maxResponseBytes: number;
  logger: EceLogger | undefined;
}

/** Details of a completed request beyond its Response: where it went, the attempts and the body. */
export interface Exchange extends RequestDetails {
  /** The whole response body. */
  body: Uint8Array;
}

/** A request as the transport sends it on each attempt. */
export interface Target {
  method: string;
  url: string;
  init: RequestInit;
}

/** A response whose whole body the transport has read, with the exchange behind it. */
export interface Delivery {
  /** The response as fetch returned it. Its body stream is consumed. */
  response: Response;
  exchange: Exchange;
}

type AttemptOutcome =
  | { kind: 'response'; response: Response; body: Uint8Array }
  | { kind: 'timeout' }
  | { kind: 'connection'; cause: unknown; code: string | undefined; isCertificateError: boolean }
  | { kind: 'too-large'; status: number };

const timeoutReason = Symbol('ece-runners.timeout');
const noop = () => {};
// Stands in for a caller that passed no signal, so that a retry delay needs no special case.
const neverAborted = new AbortController().signal;

// Codes that Node's TLS layer (OpenSSL) sets when a certificate does not verify.
const certificateErrorCodes = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

class BodyTooLargeError extends Error {
  constructor(readonly status: number) {
    super('response body too large');
  }
}

/** A promise that rejects once a signal aborts, and a way to stop listening to the signal. */
interface AbortWatch {
  aborted: Promise<never>;
  release(): void;
}

/**
 * Watches a signal. Call `release` when the attempt ends, because Node 20's fetch can
 * keep the signal alive after the response. A listener left on it keeps the promise
 * alive, and with it every race on the promise and the body chunks they resolved with.
 * That is about one body's size of heap per call (bench/memory-worker.ts, Node 20.20).
 */
function watchAbort(signal: AbortSignal): AbortWatch {
  let onAbort = noop;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  // The promise is only ever raced, so its rejection must not count as unhandled.
  aborted.catch(noop);

  return { aborted, release: () => signal.removeEventListener('abort', onAbort) };
}

/**
 * Reads the whole body, but at most `limit` bytes. A body that is larger, by its
 * `Content-Length` or while streaming, is cancelled without reading the rest.
 */
async function readBody(
  response: Response,
  limit: number,
  aborted: Promise<never>,
): Promise<Uint8Array> {
  if (response.body === null) return new Uint8Array(0);

  const declaredLength = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declaredLength > limit) {
    response.body.cancel().catch(noop);
    throw new BodyTooLargeError(response.status);
  }

  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;

      size += value.byteLength;
      if (size > limit) throw new BodyTooLargeError(response.status);
      chunks.push(value);
    }
  } catch (error) {
    reader.cancel().catch(noop);
    throw error;
  }

  return chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks, size);
}

/** Finds the error code of a failed fetch, which undici puts on a nested `cause`. */
function findErrorCode(error: unknown): string | undefined {
  let current = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }

  return undefined;
}

function describeFailure(error: unknown): AttemptOutcome {
  const code = findErrorCode(error);

  return {
    kind: 'connection',
    cause: error,
    code,
    isCertificateError: code !== undefined && certificateErrorCodes.has(code),
  };
}

async function sendAttempt(
  settings: TransportSettings,
  target: Target,
  callerSignal: AbortSignal | undefined,
  attempt: number,
): Promise<AttemptOutcome> {
  callerSignal?.throwIfAborted();

  const controller = new AbortController();
  const forwardAbort = () => controller.abort(callerSignal?.reason);
  callerSignal?.addEventListener('abort', forwardAbort, { once: true });
  const timer = setTimeout(() => controller.abort(timeoutReason), settings.timeout);
  // The race also ends the wait for a custom fetch that ignores the signal.
  const { aborted, release } = watchAbort(controller.signal);
  const { logger } = settings;
  const started = performance.now();
  logger?.debug(
    {
      method: target.method,
      url: target.url,
      attempt,
      headers: redactHeaders(new Headers(target.init.headers)),
    },
    `Sending ${target.method} ${target.url}`,
  );

  try {
    const sending = settings.fetch(target.url, { ...target.init, signal: controller.signal });
    sending.catch(noop);
    const response = await Promise.race([sending, aborted]);
    const body = await readBody(response, settings.maxResponseBytes, aborted);
    logger?.debug(
      {
        method: target.method,
        url: target.url,
        attempt,
        status: response.status,
        durationMs: Math.round(performance.now() - started),
      },
      `Received ${response.status} for ${target.method} ${target.url}`,
    );

    return { kind: 'response', response, body };
  } catch (error) {
    // An abort by the caller ends the request at once, with the caller's own reason.
    if (callerSignal?.aborted) throw callerSignal.reason;
    if (controller.signal.reason === timeoutReason) return { kind: 'timeout' };
    if (error instanceof BodyTooLargeError) return { kind: 'too-large', status: error.status };

    return describeFailure(error);
  } finally {
    clearTimeout(timer);
    release();
    callerSignal?.removeEventListener('abort', forwardAbort);
  }
}

function toAttemptResult(outcome: AttemptOutcome): AttemptResult | undefined {
  switch (outcome.kind) {
    case 'response':
      return {
        kind: 'response',
        status: outcome.response.status,
        retryAfter: outcome.response.headers.get('retry-after'),
      };
    case 'timeout':
      return outcome;
    case 'connection':
      return {
        kind: 'connection',
        code: outcome.code,
        isCertificateError: outcome.isCertificateError,
      };
    case 'too-large':
      return undefined;
  }
}

function attemptsText(attempts: number): string {
  return attempts === 1 ? '' : ` after ${attempts} attempts`;
}

function connectionErrorMessage(
  target: Target,
  outcome: AttemptOutcome & { kind: 'connection' },
  attempts: number,
): string {
  const reason =
    outcome.cause instanceof Error ? describeCause(outcome.cause) : String(outcome.cause);
  const failed = `${target.method} ${target.url} failed${attemptsText(attempts)}: ${reason}.`;
  if (outcome.isCertificateError) {
    return `${failed} The server's TLS certificate did not verify. If ECE uses a self-signed certificate, trust its CA with the tls.ca option (PEM text; ece-runners --ca <file>), or set NODE_EXTRA_CA_CERTS to the CA file.`;
  }

  return `${failed} Check that the host and port in baseUrl are right and that the ECE coordinator is reachable.`;
}

/** Describes a fetch failure by its innermost message, which names the real problem. */
function describeCause(error: Error): string {
  let innermost: Error = error;
  while (innermost.cause instanceof Error) innermost = innermost.cause;
  const code = findErrorCode(error);
  const message = innermost.message || error.message;

  return code && !message.includes(code) ? `${message} (${code})` : message;
}

/** Turns the last attempt into the transport's result: a delivery, or a typed error. */
function finish(
  settings: TransportSettings,
  target: Target,
  outcome: AttemptOutcome,
  attempts: number,
): Delivery {
  const details = { method: target.method, url: target.url, attempts };
  switch (outcome.kind) {
    case 'response':
      return { response: outcome.response, exchange: { ...details, body: outcome.body } };
    case 'timeout':
      throw new EceTimeoutError(
        `${target.method} ${target.url} timed out after ${settings.timeout} ms${attempts > 1 ? ` on each of ${attempts} attempts` : ''}. Raise the timeout option or check that the ECE coordinator is reachable.`,
        { ...details, timeout: settings.timeout },
      );
    case 'connection':
      throw new EceConnectionError(connectionErrorMessage(target, outcome, attempts), {
        ...details,
        code: outcome.code,
        cause: outcome.cause,
      });
    case 'too-large':
      throw new EceResponseTooLargeError(
        `${target.method} ${target.url} returned status ${outcome.status} with a body larger than maxResponseBytes (${settings.maxResponseBytes} bytes). Raise the maxResponseBytes option if the body is expected to be this large.`,
        { ...details, status: outcome.status, maxResponseBytes: settings.maxResponseBytes },
      );
  }
}

// The Fetch standard forbids a body on these statuses.
const nullBodyStatuses = new Set([101, 103, 204, 205, 304]);

/** Wraps the buffered body in a new Response, so that openapi-fetch can read it. */
export function rebuildResponse({ response: original, exchange }: Delivery): Response {
  const body = nullBodyStatuses.has(original.status) ? null : exchange.body;
  const response = new Response(body, {
    status: original.status,
    statusText: original.statusText,
    headers: original.headers,
  });

  return response;
}

async function toTarget(request: Request): Promise<Target> {
  // Request bodies are small JSON documents, so buffering them lets a retry resend them.
  const body = request.body === null ? undefined : await request.arrayBuffer();
  const init: RequestInit = {
    method: request.method,
    headers: request.headers,
    redirect: 'manual',
  };
  if (body !== undefined) init.body = body;

  return { method: request.method, url: request.url, init };
}

/**
 * Sends a request, retrying it as the settings allow, and reads the whole body. Rejects
 * with a typed error, or with the signal's reason when the caller aborts.
 */
export async function sendWithRetries(
  settings: TransportSettings,
  target: Target,
  signal: AbortSignal | undefined,
): Promise<Delivery> {
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await sendAttempt(settings, target, signal, attempt);
    const result = toAttemptResult(outcome);
    const reason =
      attempt > settings.maxRetries || result === undefined
        ? undefined
        : retryReason(target.method, result);
    if (reason === undefined) return finish(settings, target, outcome, attempt);

    const retryAfter = result?.kind === 'response' ? result.retryAfter : null;
    const delay = retryDelay(attempt, retryAfter, settings.maxRetryDelay);
    settings.logger?.warn(
      {
        method: target.method,
        url: target.url,
        attempt,
        maxRetries: settings.maxRetries,
        delayMs: delay,
        reason,
      },
      `Retrying ${target.method} ${target.url} in ${delay} ms after ${reason} (retry ${attempt} of ${settings.maxRetries})`,
    );
    await sleep(delay, signal ?? neverAborted);
  }
}

/** Creates the `fetch` function that openapi-fetch sends its requests through. */
export function createTransport(
  settings: TransportSettings,
): (request: Request) => Promise<Response> {
  return async function send(request: Request): Promise<Response> {
    const target = await toTarget(request);

    return rebuildResponse(await sendWithRetries(settings, target, request.signal));
  };
}
