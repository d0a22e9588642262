import { createApiError, type DecodedBody, decodeBody, excerpt } from './api-error.js';
import {
  EceInvalidArgumentError,
  EceResponseValidationError,
  type ValidationProblem,
} from './errors.js';
import { describeValue, validatePathSegment } from './options.js';
import { type Exchange, sendWithRetries, type TransportSettings } from './transport.js';
import type { Runner } from './types.js';
import { findRunnerProblems, isBasicFailedReply } from './validation.js';

/** Options of one `getRunner` call. */
export interface GetRunnerOptions {
  /** Aborts the call; it then rejects with the signal's reason and is not retried. */
  signal?: AbortSignal;
}

/**
 * Client settings that `getRunner` sends with. It sends through the transport directly,
 * not through openapi-fetch, because the Request and the second Response that openapi-fetch
 * needs per call cost more than the budget of 1.1 times a bare fetch allows. The figures
 * are in docs/BENCHMARKS.md, from `npm run bench`.
 */
export interface RunnerRequestContext {
  transport: TransportSettings;
  /** The API root without a trailing slash, such as `https://ece.example.com:12443/api/v1`. */
  baseUrl: string;
  /** Headers of every request: the client's defaults, the caller's and the credentials. */
  headers: Record<string, string>;
  validateResponses: boolean;
}

function validateCallOptions(options: unknown): AbortSignal | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null) {
    throw new EceInvalidArgumentError(
      'options',
      `getRunner options must be an object such as { signal }, got ${describeValue(options)}.`,
    );
  }

  const { signal } = options as GetRunnerOptions;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new EceInvalidArgumentError(
      'options.signal',
      `options.signal must be an AbortSignal, got ${describeValue(signal)}.`,
    );
  }

  return signal;
}

function invalidRunner(
  exchange: Exchange,
  status: number,
  problems: ValidationProblem[],
  body: unknown,
  advice = '',
): EceResponseValidationError {
  const list = problems.map((problem) => `\n  - ${problem.path} ${problem.message}`).join('');

  return new EceResponseValidationError(
    `${exchange.method} ${exchange.url} returned status ${status} with a body that is not a valid RunnerInfo:${list}${advice}`,
    { ...exchange, status, problems, body },
  );
}

/** Finds why a 2xx body cannot be a runner at all, which no option can accept. */
function findBodyProblem(body: DecodedBody): ValidationProblem | undefined {
  if (body.text === '') return { path: '$', message: 'is empty; expected a RunnerInfo object' };
  if (!body.isJson) return { path: '$', message: `is not JSON: ${excerpt(body.text)}` };

  const isObject = typeof body.json === 'object' && body.json !== null && !Array.isArray(body.json);
  if (!isObject) return { path: '$', message: 'must be object' };

  return undefined;
}

/** Turns a 2xx response into a runner, or throws when its body is not one. */
function parseRunner(response: Response, exchange: Exchange, validate: boolean): Runner {
  const body = decodeBody(exchange.body);
  // ECE answers every route with a 200 and an error list while its admin console starts.
  // NOTE: that answer (controller_route.controller_not_ready) is reported, not retried.
  if (isBasicFailedReply(body.json)) throw createApiError(response, exchange, body);

  const bodyProblem = findBodyProblem(body);
  if (bodyProblem) throw invalidRunner(exchange, response.status, [bodyProblem], body.json);

  const problems = validate ? findRunnerProblems(body.json) : [];
  if (problems.length > 0) {
    const advice = '\nSet validateResponses to false to accept such bodies unchecked.';
    throw invalidRunner(exchange, response.status, problems, body.json, advice);
  }

  return body.json as Runner;
}

/** Fetches one runner by id. See {@link EceClient.getRunner}. */
export async function getRunner(
  context: RunnerRequestContext,
  runnerId: string,
  options?: GetRunnerOptions,
): Promise<Runner> {
  const id = validatePathSegment('runnerId', runnerId, '192.0.2.10');
  const signal = validateCallOptions(options);

  // encodeURIComponent is what openapi-fetch applies to a simple path parameter too.
  const url = `${context.baseUrl}/platform/infrastructure/runners/${encodeURIComponent(id)}`;
  const target = {
    method: 'GET',
    url,
    init: { method: 'GET', headers: context.headers, redirect: 'manual' as const },
  };
  const { response, exchange } = await sendWithRetries(context.transport, target, signal);

  if (!response.ok) throw createApiError(response, exchange, decodeBody(exchange.body), id);

  return parseRunner(response, exchange, context.validateResponses);
}
