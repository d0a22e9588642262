import type { BasicFailedReplyElement } from './types.js';

const errorBrand = Symbol.for('ece-runners.error');

/**
 * Sets `name` on the prototype, so that it survives minifiers that rename classes and
 * does not show up as an own property in `util.inspect` output.
 */
function setErrorName(errorClass: { prototype: Error }, name: string): void {
  Object.defineProperty(errorClass.prototype, 'name', {
    value: name,
    writable: true,
    configurable: true,
  });
}

/** Base class of every error that ece-runners throws. */
export class EceError extends Error {
  static {
    setErrorName(EceError, 'EceError');
    Object.defineProperty(EceError.prototype, errorBrand, { value: true });
  }

  /** Plain fields for logs and `JSON.stringify`. Never contains credentials. */
  toJSON(): Record<string, unknown> {
    const fields: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (key !== 'cause') fields[key] = value;
    }
    if (this.cause instanceof Error) {
      const code = (this.cause as NodeJS.ErrnoException).code;
      fields.cause = {
        name: this.cause.name,
        message: this.cause.message,
        ...(code ? { code } : {}),
      };
    }

    return fields;
  }
}

/**
 * Returns whether `value` is an error thrown by ece-runners. Unlike `instanceof`, this
 * also holds for errors from another copy of the package or another realm.
 */
export function isEceError(value: unknown): value is EceError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[errorBrand] === true
  );
}

/** An invalid option or argument, rejected before any request is sent. */
export class EceInvalidArgumentError extends EceError {
  static {
    setErrorName(EceInvalidArgumentError, 'EceInvalidArgumentError');
  }

  /** Name of the invalid option or argument, such as `runnerId` or `options.timeout`. */
  readonly argument: string;

  constructor(argument: string, message: string) {
    super(message);
    this.argument = argument;
  }
}

/** Method, URL and attempt count of a request. */
export interface RequestDetails {
  /** HTTP method, such as `GET`. */
  method: string;
  /** Request URL. It never contains credentials. */
  url: string;
  /** Number of attempts made, retries included. */
  attempts: number;
}

/** Fields of an {@link EceApiError}, beyond the request details. */
export interface ApiErrorDetails extends RequestDetails {
  status: number;
  statusText: string;
  errors: BasicFailedReplyElement[];
  codes: string[];
  body: unknown;
  bodyText: string | undefined;
  location: string | undefined;
}

/** The ECE API returned an error: a non-2xx status, or a 2xx whose body is an error list. */
export class EceApiError extends EceError {
  static {
    setErrorName(EceApiError, 'EceApiError');
  }

  /** HTTP status code. */
  readonly status: number;
  /** HTTP status text, empty when the server sent none. */
  readonly statusText: string;
  readonly method: string;
  /** Request URL, without credentials. */
  readonly url: string;
  /** Number of attempts made, retries included. */
  readonly attempts: number;
  /** The `errors` of the ECE error body, empty when the body has none. */
  readonly errors: BasicFailedReplyElement[];
  /** ECE error codes from the body and the `x-cloud-error-codes` header, without repeats. */
  readonly codes: string[];
  /** The parsed JSON body, or `undefined` when the body is empty or not JSON. */
  readonly body: unknown;
  /** The body text, trimmed and cut to 2,000 characters, when the body is not JSON. */
  readonly bodyText: string | undefined;
  /** The `Location` header of a redirect. */
  readonly location: string | undefined;

  constructor(message: string, details: ApiErrorDetails) {
    super(message);
    this.status = details.status;
    this.statusText = details.statusText;
    this.method = details.method;
    this.url = details.url;
    this.attempts = details.attempts;
    this.errors = details.errors;
    this.codes = details.codes;
    this.body = details.body;
    this.bodyText = details.bodyText;
    this.location = details.location;
  }
}

/** The runner does not exist: ECE returned the code `runners.runner_not_found`. */
export class RunnerNotFoundError extends EceApiError {
  static {
    setErrorName(RunnerNotFoundError, 'RunnerNotFoundError');
  }

  /** The runner id that was requested. */
  readonly runnerId: string;

  constructor(message: string, details: ApiErrorDetails & { runnerId: string }) {
    super(message, details);
    this.runnerId = details.runnerId;
  }
}

/** No response: the connection, DNS lookup or TLS handshake failed. */
export class EceConnectionError extends EceError {
  static {
    setErrorName(EceConnectionError, 'EceConnectionError');
  }

  readonly method: string;
  readonly url: string;
  readonly attempts: number;
  /** Error code of the underlying failure, such as `ECONNREFUSED`, when there is one. */
  readonly code: string | undefined;

  constructor(
    message: string,
    details: RequestDetails & { code: string | undefined; cause: unknown },
  ) {
    super(message, { cause: details.cause });
    this.method = details.method;
    this.url = details.url;
    this.attempts = details.attempts;
    this.code = details.code;
  }
}

/** An attempt took longer than the `timeout` option allows. */
export class EceTimeoutError extends EceError {
  static {
    setErrorName(EceTimeoutError, 'EceTimeoutError');
  }

  readonly method: string;
  readonly url: string;
  readonly attempts: number;
  /** The timeout of each attempt, in milliseconds. */
  readonly timeout: number;

  constructor(message: string, details: RequestDetails & { timeout: number }) {
    super(message);
    this.method = details.method;
    this.url = details.url;
    this.attempts = details.attempts;
    this.timeout = details.timeout;
  }
}

/** The response body is larger than the `maxResponseBytes` option allows. */
export class EceResponseTooLargeError extends EceError {
  static {
    setErrorName(EceResponseTooLargeError, 'EceResponseTooLargeError');
  }

  readonly method: string;
  readonly url: string;
  readonly attempts: number;
  readonly status: number;
  /** The limit that was exceeded, in bytes. */
  readonly maxResponseBytes: number;

  constructor(
    message: string,
    details: RequestDetails & { status: number; maxResponseBytes: number },
  ) {
    super(message);
    this.method = details.method;
    this.url = details.url;
    this.attempts = details.attempts;
    this.status = details.status;
    this.maxResponseBytes = details.maxResponseBytes;
  }
}

/** One way in which a response body differs from the schema. */
export interface ValidationProblem {
  /** JSON path of the value, such as `$.containers[0].container_name`. */
  path: string;
  /** Description of what is wrong with the value, such as `must be boolean`. */
  message: string;
}

/** A 2xx response whose body is empty, not JSON, or does not match the spec's schema. */
export class EceResponseValidationError extends EceError {
  static {
    setErrorName(EceResponseValidationError, 'EceResponseValidationError');
  }

  readonly method: string;
  readonly url: string;
  readonly attempts: number;
  readonly status: number;
  /** Every problem found, in document order. */
  readonly problems: ValidationProblem[];
  /** The parsed body, or `undefined` when it is empty or not JSON. */
  readonly body: unknown;

  constructor(
    message: string,
    details: RequestDetails & { status: number; problems: ValidationProblem[]; body: unknown },
  ) {
    super(message);
    this.method = details.method;
    this.url = details.url;
    this.attempts = details.attempts;
    this.status = details.status;
    this.problems = details.problems;
    this.body = details.body;
  }
}
