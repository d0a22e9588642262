import type { Client } from 'openapi-fetch';
import { createApiError, type DecodedBody, decodeBody, excerpt } from './api-error.js';
import {
  EceInvalidArgumentError,
  EceResponseValidationError,
  type ValidationProblem,
} from './errors.js';
import { describeValue, validatePathSegment } from './options.js';
import {
  type Delivery,
  type Exchange,
  rebuildResponse,
  sendWithRetries,
  type TransportSettings,
} from './transport.js';
import type { paths, Runner } from './types.js';
import { findRunnerProblems, isBasicFailedReply } from './validation.js';

/** Options of one `getRunner` call. */
export interface GetRunnerOptions {
  /** Aborts the call; it then rejects with the signal's reason and is not retried. */
  signal?: AbortSignal;
}

/** Parts of the client that `getRunner` uses. */
export interface RunnerRequestContext {
  /** The typed openapi-fetch client, which builds the URL and the headers. */
  api: Client<paths>;
  /** The settings of the transport that sends the request. */
  transport: TransportSettings;
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
  // ECE returns a 200 with an error list on every route while its admin console starts.
  // NOTE: that response (controller_route.controller_not_ready) is reported, not retried.
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

/**
 * Sends Get runner through openapi-fetch, which builds the URL and headers from the
 * generated types, and through the transport, which sends it with retries and reads the
 * whole body.
 */
async function requestRunner(
  context: RunnerRequestContext,
  runnerId: string,
  signal: AbortSignal | undefined,
): Promise<Delivery> {
  let delivery: Delivery | undefined;
  // openapi-fetch reads the body only of an error response, so a 2xx response is handed
  // over as fetch returned it, with its body already read by the transport.
  const send = async (request: Request): Promise<Response> => {
    const target = {
      method: request.method,
      url: request.url,
      init: { method: request.method, headers: request.headers, redirect: 'manual' as const },
    };
    delivery = await sendWithRetries(context.transport, target, signal);

    return delivery.response.ok ? delivery.response : rebuildResponse(delivery);
  };

  await context.api.GET('/platform/infrastructure/runners/{runner_id}', {
    params: { path: { runner_id: runnerId } },
    parseAs: 'stream',
    fetch: send,
    ...(signal ? { signal } : {}),
  });
  if (delivery === undefined) {
    throw new Error('ece-runners internal error: openapi-fetch did not call the transport.');
  }

  return delivery;
}

/** Fetches one runner by id. See {@link EceClient.getRunner}. */
export async function getRunner(
  context: RunnerRequestContext,
  runnerId: string,
  options?: GetRunnerOptions,
): Promise<Runner> {
  const id = validatePathSegment('runnerId', runnerId, '192.0.2.10');
  const signal = validateCallOptions(options);

  const { response, exchange } = await requestRunner(context, id, signal);
  if (!response.ok) throw createApiError(response, exchange, decodeBody(exchange.body), id);

  return parseRunner(response, exchange, context.validateResponses);
}
