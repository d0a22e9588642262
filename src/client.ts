import createClient, { type Client } from 'openapi-fetch';
import { type GetRunnerOptions, getRunner, type RunnerRequestContext } from './get-runner.js';
import {
  type EceClientOptions,
  type FetchFunction,
  type ResolvedOptions,
  resolveOptions,
} from './options.js';
import { createTlsFetch, type TlsFetch } from './tls.js';
import { createTransport, type TransportSettings } from './transport.js';
import type { paths, Runner } from './types.js';
import { packageVersion } from './version.js';

/** A client of the ECE runners API. */
export interface EceClient {
  /**
   * Fetches a runner by id.
   *
   * Rejects with RunnerNotFoundError when ECE has no such runner, EceApiError for any
   * other error response, EceConnectionError, EceTimeoutError,
   * EceResponseTooLargeError or EceResponseValidationError, and EceInvalidArgumentError,
   * before any request, for an id that cannot be sent. An abort rejects with the
   * signal's reason.
   */
  getRunner(runnerId: string, options?: GetRunnerOptions): Promise<Runner>;
  /**
   * The typed openapi-fetch client, for calls that `getRunner` does not cover. It shares
   * the base URL, credentials, timeouts, retries and limits, but it returns
   * `{ data, error, response }` instead of throwing for error responses.
   */
  readonly api: Client<paths>;
  /** Closes the connections that the `tls` option opened. Other clients have none to close. */
  close(): Promise<void>;
}

const userAgent = `ece-runners/${packageVersion} Node.js/${process.versions.node}`;

// Late binding, so that a fetch installed on globalThis after the client is created is used.
const globalFetch: FetchFunction = (input, init) => globalThis.fetch(input, init);

function warnWhenVerificationIsOff(options: ResolvedOptions): void {
  if (options.tls?.rejectUnauthorized !== false) return;

  const message =
    'TLS certificate verification is off (tls.rejectUnauthorized is false), so anyone on the network path can read the credentials. Trust the ECE certificate with tls.ca instead.';
  if (options.logger) {
    options.logger.warn({ baseUrl: options.baseUrl }, message);
  } else {
    process.emitWarning(message, { code: 'ECE_RUNNERS_TLS_VERIFICATION_OFF' });
  }
}

/**
 * Creates a client of the ECE runners API. Throws EceInvalidArgumentError for invalid
 * options, such as credentials over plain HTTP to a host that is not loopback.
 */
export function createEceClient(options: EceClientOptions): EceClient {
  const resolved = resolveOptions(options);
  const tlsFetch: TlsFetch | undefined = resolved.tls ? createTlsFetch(resolved.tls) : undefined;
  warnWhenVerificationIsOff(resolved);

  const settings: TransportSettings = {
    fetch: resolved.fetch ?? tlsFetch?.fetch ?? globalFetch,
    timeout: resolved.timeout,
    maxRetries: resolved.maxRetries,
    maxRetryDelay: resolved.maxRetryDelay,
    maxResponseBytes: resolved.maxResponseBytes,
    logger: resolved.logger,
  };
  // resolveOptions lowercases header names, so the caller's entries replace the defaults.
  const headers = { accept: 'application/json', 'user-agent': userAgent, ...resolved.headers };
  const api = createClient<paths>({
    baseUrl: resolved.baseUrl,
    headers,
    fetch: createTransport(settings),
  });
  const context: RunnerRequestContext = {
    api,
    transport: settings,
    validateResponses: resolved.validateResponses,
  };

  return {
    getRunner: (runnerId, callOptions) => getRunner(context, runnerId, callOptions),
    api,
    close: async () => {
      await tlsFetch?.close();
    },
  };
}
