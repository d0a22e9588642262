import { type ApiErrorDetails, EceApiError, RunnerNotFoundError } from './errors.js';
import type { Exchange } from './transport.js';
import type { BasicFailedReplyElement } from './types.js';

export const runnerNotFoundCode = 'runners.runner_not_found';
const maxBodyTextLength = 2000;
const maxExcerptLength = 200;

/** The body of a response, decoded once. */
export interface DecodedBody {
  /** The text, trimmed. */
  text: string;
  /** Whether the text parsed as JSON. */
  isJson: boolean;
  /** The parsed JSON, or `undefined` when the text is empty or not JSON. */
  json: unknown;
}

const decoder = new TextDecoder();

/** Decodes a body as UTF-8, strips a byte-order mark, and parses it when it is JSON. */
export function decodeBody(body: Uint8Array): DecodedBody {
  const text = decoder.decode(body).trim();
  if (text === '') return { text, isJson: false, json: undefined };

  try {
    return { text, isJson: true, json: JSON.parse(text) };
  } catch {
    return { text, isJson: false, json: undefined };
  }
}

/** Shortens a body for a one-line message: an HTML page by its title, other text by its start. */
export function excerpt(text: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
  const source = title || text.replace(/<[^>]+>/g, ' ');
  const line = source.replace(/\s+/g, ' ').trim();

  return line.length > maxExcerptLength ? `${line.slice(0, maxExcerptLength)}…` : line;
}

/**
 * Takes the elements of an ECE error body. It is lenient: an element counts when it has a
 * string `code`, because real servers send `"fields": null` and other small deviations.
 */
export function extractErrorElements(json: unknown): BasicFailedReplyElement[] {
  if (typeof json !== 'object' || json === null) return [];

  const { errors } = json as { errors?: unknown };
  if (!Array.isArray(errors)) return [];

  return errors
    .filter(
      (element): element is Record<string, unknown> =>
        typeof element === 'object' && element !== null,
    )
    .filter((element) => typeof element.code === 'string')
    .map((element) => ({
      ...element,
      code: element.code as string,
      message: typeof element.message === 'string' ? element.message : '',
    }));
}

/** Splits the `x-cloud-error-codes` header, which may list several codes separated by commas. */
function parseErrorCodesHeader(value: string | null): string[] {
  if (value === null) return [];

  return value
    .split(',')
    .map((code) => code.trim())
    .filter((code) => code !== '');
}

function describeStatus(status: number, statusText: string): string {
  return statusText ? `${status} ${statusText}` : `status ${status}`;
}

/** Returns advice for statuses whose usual cause the caller can fix, or an empty string. */
function hintFor(details: ApiErrorDetails): string {
  if (details.location !== undefined) {
    return ` ece-runners does not follow redirects, so that credentials never reach another address. Set baseUrl to the address the API is served from.`;
  }
  if (details.status === 401) return ' Check the credentials in the auth option.';
  if (details.status === 403) return ' The user or API key lacks permission for this request.';
  if (details.status === 404 && details.codes.length === 0) {
    return ' The response is not an ECE error, so baseUrl may not point at the ECE API (such as https://ece.example.com:12443).';
  }

  return '';
}

/** Summarizes a JSON error body that is not ECE's, such as an RFC 9457 problem document. */
function summarizeOtherJson(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;

  const fields = json as Record<string, unknown>;
  const parts = [fields.title, fields.detail ?? fields.message ?? fields.error].filter(
    (part): part is string => typeof part === 'string' && part !== '',
  );

  return parts.length > 0 ? excerpt(parts.join(': ')) : undefined;
}

function describeBody(details: ApiErrorDetails, body: DecodedBody): string {
  if (details.errors.length > 0) {
    return details.errors
      .map((error) => (error.message ? `${error.code}: ${error.message}` : error.code))
      .join('; ');
  }
  if (details.codes.length > 0) return details.codes.join(', ');
  if (body.text === '') return 'an empty body';

  return summarizeOtherJson(body.json) ?? excerpt(body.text);
}

/** Ends a sentence with one period, whether or not the server's text has one. */
function endSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function formatMessage(details: ApiErrorDetails, body: DecodedBody): string {
  const attempts = details.attempts > 1 ? ` after ${details.attempts} attempts` : '';
  const status = describeStatus(details.status, details.statusText);
  const returned = `${details.method} ${details.url} returned ${status}${attempts}`;
  if (details.location !== undefined) {
    return `${returned}, a redirect to ${details.location}.${hintFor(details)}`;
  }

  return `${returned}: ${endSentence(describeBody(details, body))}${hintFor(details)}`;
}

/** Resolves a `Location` header against the request URL, as a browser would. */
function resolveLocation(location: string | null, requestUrl: string): string | undefined {
  if (location === null) return undefined;
  try {
    return new URL(location, requestUrl).href;
  } catch {
    return location;
  }
}

/**
 * Creates the error for a response that failed: a non-2xx status, or a 2xx whose body is
 * an ECE error list. It is a RunnerNotFoundError when ECE reports `runners.runner_not_found`.
 */
export function createApiError(
  response: Response,
  exchange: Exchange,
  body: DecodedBody,
  runnerId?: string,
): EceApiError {
  const errors = extractErrorElements(body.json);
  const codes = [
    ...new Set([
      ...errors.map((error) => error.code),
      ...parseErrorCodesHeader(response.headers.get('x-cloud-error-codes')),
    ]),
  ];
  const isRedirect = response.status >= 300 && response.status < 400;
  const details: ApiErrorDetails = {
    status: response.status,
    statusText: response.statusText,
    method: exchange.method,
    url: exchange.url,
    attempts: exchange.attempts,
    errors,
    codes,
    body: body.json,
    bodyText: body.isJson || body.text === '' ? undefined : body.text.slice(0, maxBodyTextLength),
    location: isRedirect
      ? resolveLocation(response.headers.get('location'), exchange.url)
      : undefined,
  };
  const message = formatMessage(details, body);

  if (runnerId !== undefined && codes.includes(runnerNotFoundCode)) {
    return new RunnerNotFoundError(`Runner ${JSON.stringify(runnerId)} was not found: ${message}`, {
      ...details,
      runnerId,
    });
  }

  return new EceApiError(message, details);
}
