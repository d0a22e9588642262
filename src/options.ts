import { EceInvalidArgumentError } from './errors.js';
import type { EceLogger } from './logger.js';

/** HTTP basic authentication with an ECE user. */
export interface BasicAuth {
  username: string;
  password: string;
  apiKey?: never;
}

/** An ECE API key, sent as `Authorization: ApiKey <key>`. */
export interface ApiKeyAuth {
  apiKey: string;
  username?: never;
  password?: never;
}

/** TLS settings for HTTPS connections, with the names Node's `tls.connect` uses. */
export interface TlsOptions {
  /**
   * CA certificates to trust, in PEM, in place of Node's default list. Use it for the
   * self-signed certificate of an ECE installation.
   */
  ca?: string | Uint8Array | Array<string | Uint8Array>;
  /**
   * Whether to reject a server whose certificate does not verify. Default: `true`.
   * Setting `false` accepts any certificate, so anyone on the network path can read
   * the credentials. The client logs one warning when it is `false`.
   */
  rejectUnauthorized?: boolean;
}

/** A `fetch` function: the global one, undici's, or a test double. */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** Options of {@link createEceClient}. `fetch` and `tls` exclude each other. */
export type EceClientOptions = CommonClientOptions & (CustomFetchOptions | TlsClientOptions);

/** A client that sends through its own `fetch`, which must handle TLS itself. */
export interface CustomFetchOptions {
  /** The `fetch` function to send requests with. Default: `globalThis.fetch`. */
  fetch?: FetchFunction;
  tls?: never;
}

/** A client that sends through undici with its own TLS settings. */
export interface TlsClientOptions {
  /** TLS settings for HTTPS. Default: Node's. */
  tls?: TlsOptions;
  fetch?: never;
}

/** Options of {@link createEceClient} other than `fetch` and `tls`. */
export interface CommonClientOptions {
  /**
   * Address of the ECE API, such as `https://ece.example.com:12443`. An address without
   * a path gets `/api/v1`; an address with a path is used as given.
   */
  baseUrl: string | URL;
  /** Credentials. Default: none, which ECE rejects with 401. */
  auth?: BasicAuth | ApiKeyAuth;
  /** Headers sent with every request. They override the client's own `User-Agent`. */
  headers?: Record<string, string>;
  /**
   * Region to address, such as `ece-region`. When set, requests go to
   * `/api/v1/regions/{region}/platform/...`, the form ecctl uses. Default: none.
   */
  region?: string;
  /** Timeout of each attempt, in milliseconds, body included. Default: 30000. */
  timeout?: number;
  /**
   * Number of retries of a GET after a connection failure, a timeout, or a 408, 429,
   * 502, 503 or 504 response. Default: 2, so at most 3 attempts.
   */
  maxRetries?: number;
  /** Maximum delay before a retry, in milliseconds; caps `Retry-After`. Default: 30000. */
  maxRetryDelay?: number;
  /**
   * Whether to send credentials over plain HTTP to a host that is not loopback.
   * Default: `false`, so such a client is rejected when it is created.
   */
  allowInsecureHttp?: boolean;
  /** Whether to check each 2xx body against the spec's schema. Default: `true`. */
  validateResponses?: boolean;
  /** Maximum size of a response body, in bytes. Default: 1048576 (1 MiB). */
  maxResponseBytes?: number;
  /** Logger for requests, retries and warnings, such as a pino logger. Default: none. */
  logger?: EceLogger;
}

export const defaultTimeout = 30_000;
export const defaultMaxRetries = 2;
export const defaultMaxRetryDelay = 30_000;
// A runner with a hundred containers is about 10 KB of JSON, so 1 MiB leaves a wide
// margin while still stopping a runaway body early.
export const defaultMaxResponseBytes = 1_048_576;
// setTimeout fires at once for delays above 2^31 - 1 ms.
const maxTimerDelay = 2_147_483_647;

/** Options after validation and defaults, as the client uses them. */
export interface ResolvedOptions {
  baseUrl: string;
  headers: Record<string, string>;
  sendsCredentials: boolean;
  fetch: FetchFunction | undefined;
  tls: TlsOptions | undefined;
  timeout: number;
  maxRetries: number;
  maxRetryDelay: number;
  validateResponses: boolean;
  maxResponseBytes: number;
  logger: EceLogger | undefined;
}

/** Returns `value` as a short, printable description for error messages. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const truncated = value.length > 80 ? `${value.slice(0, 80)}…` : value;

    return JSON.stringify(truncated);
  }
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object';

  return `${typeof value} ${String(value)}`;
}

function invalid(argument: string, message: string): EceInvalidArgumentError {
  return new EceInvalidArgumentError(argument, message);
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function parseBaseUrl(value: unknown): URL {
  if (typeof value !== 'string' && !(value instanceof URL)) {
    throw invalid(
      'options.baseUrl',
      `options.baseUrl must be a URL string such as "https://ece.example.com:12443", got ${describeValue(value)}.`,
    );
  }

  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(
      'options.baseUrl',
      `options.baseUrl ${describeValue(String(value))} is not a valid URL. Give the scheme, host and port, such as "https://ece.example.com:12443".`,
    );
  }

  // The message shows protocol and host only, because a rejected URL may carry a password.
  const origin = `${url.protocol}//${url.host}`;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid(
      'options.baseUrl',
      `options.baseUrl must use https or http, got ${url.protocol} in ${origin}.`,
    );
  }
  if (url.username || url.password) {
    throw invalid(
      'options.baseUrl',
      `options.baseUrl for ${origin} contains credentials. Remove them from the URL and pass them as options.auth.`,
    );
  }
  if (url.search || url.hash) {
    throw invalid(
      'options.baseUrl',
      `options.baseUrl for ${origin} must not have a query or a fragment.`,
    );
  }

  return url;
}

/** Validates a path segment taken from the caller, such as a runner id or a region. */
export function validatePathSegment(argument: string, value: unknown, example: string): string {
  if (typeof value !== 'string') {
    throw invalid(
      argument,
      `${argument} must be a string such as "${example}", got ${describeValue(value)}.`,
    );
  }
  if (value === '') {
    throw invalid(argument, `${argument} must not be empty. Pass an id such as "${example}".`);
  }
  if (value === '.' || value === '..') {
    throw invalid(
      argument,
      `${argument} ${describeValue(value)} cannot be sent: URLs resolve "." and ".." path segments away, so the request would reach another endpoint.`,
    );
  }
  if (!value.isWellFormed()) {
    throw invalid(
      argument,
      `${argument} ${describeValue(value)} contains a lone UTF-16 surrogate, which cannot be percent-encoded. Pass well-formed Unicode text.`,
    );
  }

  return value;
}

/** Joins the base URL, the default `/api/v1` path and the region path. */
function resolveApiUrl(baseUrl: URL, region: string | undefined): string {
  const path = baseUrl.pathname.replace(/\/+$/, '');
  const apiPath = path === '' ? '/api/v1' : path;
  const regionPath = region === undefined ? '' : `/regions/${encodeURIComponent(region)}`;

  return `${baseUrl.origin}${apiPath}${regionPath}`;
}

function validateAuthHeaders(auth: unknown): Record<string, string> {
  if (auth === undefined) return {};
  if (typeof auth !== 'object' || auth === null) {
    throw invalid(
      'options.auth',
      `options.auth must be { username, password } or { apiKey }, got ${describeValue(auth)}.`,
    );
  }

  const fields = auth as Record<string, unknown>;
  const hasBasic = 'username' in fields || 'password' in fields;
  const hasApiKey = 'apiKey' in fields;
  if (hasBasic && hasApiKey) {
    throw invalid(
      'options.auth',
      'options.auth must contain either { username, password } or { apiKey }, not both.',
    );
  }
  if (hasApiKey) {
    const apiKey = validateSecret('options.auth.apiKey', fields.apiKey);
    // A header value must be ISO-8859-1 without control characters, so fetch would throw.
    if (!/^[\x21-\x7e]+$/.test(apiKey)) {
      throw invalid(
        'options.auth.apiKey',
        'options.auth.apiKey must contain only printable ASCII characters without spaces, as ECE API keys do.',
      );
    }

    return { authorization: `ApiKey ${apiKey}` };
  }
  if (!hasBasic) {
    throw invalid(
      'options.auth',
      'options.auth must be { username, password } or { apiKey }, got an object with neither.',
    );
  }

  const username = validateSecret('options.auth.username', fields.username);
  const password = validateSecret('options.auth.password', fields.password);
  // RFC 7617: the first colon separates user name and password.
  if (username.includes(':')) {
    throw invalid(
      'options.auth.username',
      'options.auth.username must not contain ":", which HTTP basic authentication reserves.',
    );
  }
  const token = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');

  return { authorization: `Basic ${token}` };
}

/** Checks a credential without ever putting its value into the message. */
function validateSecret(argument: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw invalid(
      argument,
      `${argument} must be a non-empty string, got ${value === '' ? 'an empty string' : typeof value}.`,
    );
  }

  return value;
}

/** Checks a header the way fetch would, but throws EceInvalidArgumentError. */
function validateHeader(name: string, value: string): void {
  try {
    new Headers([[name, value]]);
  } catch {
    // The value stays out of the message, because a header may carry a token.
    throw invalid(
      'options.headers',
      `options.headers[${JSON.stringify(name)}] has an invalid name or value, such as a line break or a character outside ISO-8859-1. Remove it.`,
    );
  }
}

function validateHeaders(headers: unknown): Record<string, string> {
  if (headers === undefined) return {};
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw invalid(
      'options.headers',
      `options.headers must be an object of header names and values, got ${describeValue(headers)}.`,
    );
  }

  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string') {
      throw invalid(
        'options.headers',
        `options.headers["${name}"] must be a string, got ${describeValue(value)}.`,
      );
    }
    validateHeader(name, value);
    result[name.toLowerCase()] = value;
  }

  return result;
}

function validateInteger(
  argument: string,
  value: unknown,
  fallback: number,
  minimum: number,
  maximum: number,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum || value > maximum) {
    throw invalid(
      argument,
      `${argument} must be an integer from ${minimum} to ${maximum}, got ${describeValue(value)}.`,
    );
  }

  return value;
}

function validateBoolean(argument: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    throw invalid(argument, `${argument} must be true or false, got ${describeValue(value)}.`);
  }

  return value;
}

/**
 * Checks that a CA is PEM text, because Node's TLS layer takes nothing else, and a file
 * path passed by mistake would only fail later as an unverified certificate.
 */
function validateCertificate(certificate: unknown): void {
  if (typeof certificate !== 'string' && !(certificate instanceof Uint8Array)) {
    throw invalid(
      'options.tls.ca',
      `options.tls.ca must be PEM text, a Buffer, or an array of them, got ${describeValue(certificate)}.`,
    );
  }

  const text =
    typeof certificate === 'string' ? certificate : Buffer.from(certificate).toString('latin1');
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    const quoted = typeof certificate === 'string' ? ` ${describeValue(certificate)}` : '';
    throw invalid(
      'options.tls.ca',
      `options.tls.ca${quoted} is not a PEM certificate: it contains no "-----BEGIN CERTIFICATE-----" line. Pass the file's content, not its path, such as readFileSync('ece-ca.pem').`,
    );
  }
}

function validateTls(tls: unknown, fetch: unknown): TlsOptions | undefined {
  if (tls === undefined) return undefined;
  if (typeof tls !== 'object' || tls === null) {
    throw invalid(
      'options.tls',
      `options.tls must be an object such as { ca }, got ${describeValue(tls)}.`,
    );
  }
  if (fetch !== undefined) {
    throw invalid(
      'options.tls',
      'options.tls cannot be combined with options.fetch, because the client cannot pass TLS settings to a custom fetch. Configure TLS in your fetch instead, for example with an undici Agent.',
    );
  }

  const { ca, rejectUnauthorized } = tls as TlsOptions;
  validateBoolean('options.tls.rejectUnauthorized', rejectUnauthorized, true);
  if (ca === undefined) return tls as TlsOptions;

  const certificates = Array.isArray(ca) ? ca : [ca];
  for (const certificate of certificates) validateCertificate(certificate);

  return tls as TlsOptions;
}

function validateLogger(logger: unknown): EceLogger | undefined {
  if (logger === undefined) return undefined;
  const methods = ['debug', 'info', 'warn', 'error'] as const;
  const isLogger =
    typeof logger === 'object' &&
    logger !== null &&
    methods.every((method) => typeof (logger as Record<string, unknown>)[method] === 'function');
  if (!isLogger) {
    throw invalid(
      'options.logger',
      'options.logger must have debug, info, warn and error methods, as a pino logger does.',
    );
  }

  return logger as EceLogger;
}

/** Validates the options and fills in the defaults. Throws EceInvalidArgumentError. */
export function resolveOptions(options: EceClientOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw invalid(
      'options',
      `createEceClient needs an options object with a baseUrl, got ${describeValue(options)}.`,
    );
  }

  const baseUrl = parseBaseUrl(options.baseUrl);
  const region =
    options.region === undefined
      ? undefined
      : validatePathSegment('options.region', options.region, 'ece-region');
  const userHeaders = validateHeaders(options.headers);
  const authHeaders = validateAuthHeaders(options.auth);
  if (authHeaders.authorization && userHeaders.authorization !== undefined) {
    throw invalid(
      'options.headers',
      'options.headers sets Authorization and options.auth is set too. Use one of them.',
    );
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw invalid(
      'options.fetch',
      `options.fetch must be a function, got ${describeValue(options.fetch)}.`,
    );
  }

  const sendsCredentials =
    authHeaders.authorization !== undefined || userHeaders.authorization !== undefined;
  const allowInsecureHttp = validateBoolean(
    'options.allowInsecureHttp',
    options.allowInsecureHttp,
    false,
  );
  if (
    baseUrl.protocol === 'http:' &&
    sendsCredentials &&
    !allowInsecureHttp &&
    !isLoopbackHost(baseUrl.hostname)
  ) {
    throw invalid(
      'options.baseUrl',
      `options.baseUrl ${baseUrl.origin} uses plain HTTP, which would send the credentials in clear text. Use https, or set options.allowInsecureHttp to true if the network path is trusted.`,
    );
  }

  return {
    baseUrl: resolveApiUrl(baseUrl, region),
    headers: { ...userHeaders, ...authHeaders },
    sendsCredentials,
    fetch: options.fetch,
    tls: validateTls(options.tls, options.fetch),
    timeout: validateInteger('options.timeout', options.timeout, defaultTimeout, 1, maxTimerDelay),
    maxRetries: validateInteger('options.maxRetries', options.maxRetries, defaultMaxRetries, 0, 10),
    maxRetryDelay: validateInteger(
      'options.maxRetryDelay',
      options.maxRetryDelay,
      defaultMaxRetryDelay,
      0,
      maxTimerDelay,
    ),
    validateResponses: validateBoolean(
      'options.validateResponses',
      options.validateResponses,
      true,
    ),
    maxResponseBytes: validateInteger(
      'options.maxResponseBytes',
      options.maxResponseBytes,
      defaultMaxResponseBytes,
      1,
      Number.MAX_SAFE_INTEGER,
    ),
    logger: validateLogger(options.logger),
  };
}
