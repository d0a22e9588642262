import {
  EceApiError,
  EceConnectionError,
  EceInvalidArgumentError,
  EceResponseTooLargeError,
  EceResponseValidationError,
  EceTimeoutError,
  isEceError,
  RunnerNotFoundError,
} from '../index.js';

/** Exit codes of `ece-runners`. The help text and the README list the same table. */
export const ExitCode = {
  ok: 0,
  checkFailed: 1,
  usage: 2,
  runnerNotFound: 3,
  authentication: 4,
  connection: 5,
  api: 6,
} as const;

export const exitCodeHelp = `Exit codes:
  0  success
  1  --check: the runner is not connected or not healthy
  2  usage error: invalid or missing argument, option or environment variable
  3  runner not found
  4  authentication or permission rejected (HTTP 401 or 403)
  5  connection failed, TLS certificate did not verify, or timed out
  6  any other API or response error`;

/** A command line that cannot run as given. The message names the flag or variable to change. */
export class UsageError extends Error {
  static {
    Object.defineProperty(UsageError.prototype, 'name', { value: 'UsageError' });
  }
}

/** Returns the exit code for an error that ended a command. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || error instanceof EceInvalidArgumentError) {
    return ExitCode.usage;
  }
  if (error instanceof RunnerNotFoundError) return ExitCode.runnerNotFound;
  if (error instanceof EceApiError && (error.status === 401 || error.status === 403)) {
    return ExitCode.authentication;
  }
  if (error instanceof EceConnectionError || error instanceof EceTimeoutError) {
    return ExitCode.connection;
  }

  return ExitCode.api;
}

/** The flags and variables that set the credentials, for messages that ask for them. */
export const credentialOptions =
  '--api-key or EC_API_KEY, or --user or EC_USER with EC_PASS or --password-stdin';

/**
 * Phrases of client messages that name library options, with the flag that sets each one.
 * The client validates its options, so its messages name them as a library caller sees them.
 * A unit test checks that each phrase still occurs in the library's source.
 */
export const optionPhrases: Array<[string, string]> = [
  ['set options.allowInsecureHttp to true', 'pass --allow-insecure-http'],
  ['options.auth.apiKey', 'the API key'],
  ['options.auth.username', 'the user name'],
  ['options.auth.password', 'the password'],
  ['pass them as options.auth', `pass them as ${credentialOptions}`],
  ['options.region', '--region'],
  ['runnerId', 'the runner id'],
  ['the tls.ca option (PEM text; ece-runners --ca <file>)', '--ca <file>'],
  ['Raise the timeout option', 'Raise --timeout'],
  ['Check the credentials in the auth option.', `Check the credentials: ${credentialOptions}.`],
];

/** Rewrites a client message in terms of the command's flags. */
function translateOptionNames(message: string, hostSource: string): string {
  let result = message.replaceAll('options.baseUrl', hostSource).replaceAll('baseUrl', hostSource);
  for (const [phrase, flag] of optionPhrases) result = result.replaceAll(phrase, flag);

  return result;
}

function describeValidationError(error: EceResponseValidationError): string {
  const problems = error.problems.map((problem) => `${problem.path} ${problem.message}`);

  return `${error.method} ${error.url} returned status ${error.status} with a body that is not a valid runner: ${problems.join('; ')}.`;
}

/**
 * Describes a body over the client's size limit. The client's message suggests raising its
 * maxResponseBytes option, which the command has no flag for.
 */
function describeTooLargeError(error: EceResponseTooLargeError, hostSource: string): string {
  return `${error.method} ${error.url} returned status ${error.status} with a response larger than the limit of ${error.maxResponseBytes} bytes. A runner is far smaller, so the server or a proxy in between sent an unexpectedly large body. Check that ${hostSource} points at the ECE API.`;
}

/**
 * Describes an error in one line, without the `ece-runners: ` prefix. `hostSource` is the
 * flag or variable that set the host, such as `--host` or `EC_HOST`.
 */
export function describeError(error: unknown, hostSource: string): string {
  let message: string;
  if (error instanceof EceResponseValidationError) {
    message = describeValidationError(error);
  } else if (error instanceof EceResponseTooLargeError) {
    message = describeTooLargeError(error, hostSource);
  } else if (isEceError(error)) {
    message = translateOptionNames(error.message, hostSource);
  } else if (error instanceof Error) {
    message = error.message;
  } else {
    message = String(error);
  }

  return message.replace(/\s*\n\s*/g, ' ').trim();
}
