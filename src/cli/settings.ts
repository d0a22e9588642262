import { readFile } from 'node:fs/promises';
import type { ApiKeyAuth, BasicAuth, EceClientOptions, TlsOptions } from '../index.js';
import { parseDuration } from './duration.js';
import { UsageError } from './errors.js';
import { type CliIo, type Diagnostics, readEnv, readStdinLine, type SecretRedactor } from './io.js';

/** The global options as commander parses them. */
export interface GlobalOptions {
  host?: string;
  apiKey?: string;
  user?: string;
  pass?: string;
  passwordStdin?: boolean;
  region?: string;
  ca?: string;
  insecure?: boolean;
  allowInsecureHttp?: boolean;
  timeout: string;
  output: 'text' | 'json';
  verbose?: boolean;
}

/** Client options resolved from the flags and the environment. */
export interface Connection {
  clientOptions: EceClientOptions;
  /** The flag or variable that set the host, `--host` or `EC_HOST`, for error messages. */
  hostSource: string;
}

/** Returns the host from `--host` or `EC_HOST`, or throws a usage error that names both. */
function resolveHost(options: GlobalOptions, io: CliIo): { host: string; source: string } {
  if (options.host !== undefined) return { host: options.host, source: '--host' };

  const host = readEnv(io, 'EC_HOST');
  if (host === undefined) {
    throw new UsageError(
      'no ECE host is set. Pass --host https://ece.example.com:12443 or set EC_HOST.',
    );
  }

  return { host, source: 'EC_HOST' };
}

/** Rejects a host without a scheme, which URL parsing would misread as a scheme of its own. */
function validateHostScheme(host: string, source: string): void {
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(host)) return;

  // Drops a user:password@ part, so that the message never shows a password.
  const shown = host.replace(/^[^/@]*@/, '');
  throw new UsageError(
    `${source} ${JSON.stringify(shown)} has no scheme. Give the full address, such as https://${shown}.`,
  );
}

function apiKeyAuth(apiKey: string, redactor: SecretRedactor): ApiKeyAuth {
  redactor.add(apiKey);

  return { apiKey };
}

function basicAuth(
  username: string | undefined,
  password: string | undefined,
  redactor: SecretRedactor,
): BasicAuth {
  if (password !== undefined) redactor.add(password);
  if (username === undefined) {
    throw new UsageError('a password is set but no user name. Pass --user or set EC_USER.');
  }
  if (password === undefined) {
    throw new UsageError(
      `no password is set for user ${JSON.stringify(username)}. Set EC_PASS or pass --password-stdin.`,
    );
  }
  redactor.add(Buffer.from(`${username}:${password}`, 'utf8').toString('base64'));

  return { username, password };
}

/** Reads the password of `--password-stdin`, `--pass` or `EC_PASS`, in that order. */
async function resolvePassword(
  options: GlobalOptions,
  io: CliIo,
  diagnostics: Diagnostics,
): Promise<string | undefined> {
  if (options.passwordStdin) {
    const password = await readStdinLine(io);
    if (password === '') {
      throw new UsageError('--password-stdin read an empty password from standard input.');
    }

    return password;
  }
  if (options.pass !== undefined) {
    diagnostics.warn(
      '--pass puts the password where other users of this machine can read it (ps, /proc). Set EC_PASS or use --password-stdin instead.',
    );

    return options.pass;
  }

  return readEnv(io, 'EC_PASS');
}

/**
 * Resolves the credentials. Credentials given as flags win over the environment, and
 * one kind given as flags ignores the other kind in the environment. Mixing an API key
 * with a user name or password in the same place is a usage error.
 */
async function resolveAuth(
  options: GlobalOptions,
  io: CliIo,
  redactor: SecretRedactor,
  diagnostics: Diagnostics,
): Promise<ApiKeyAuth | BasicAuth | undefined> {
  const basicFlags =
    options.user !== undefined || options.pass !== undefined || options.passwordStdin === true;
  if (options.apiKey !== undefined && basicFlags) {
    throw new UsageError(
      '--api-key cannot be combined with --user, --pass or --password-stdin. Use one kind of credentials.',
    );
  }
  if (options.pass !== undefined && options.passwordStdin) {
    throw new UsageError('--pass and --password-stdin cannot be combined. Use one of them.');
  }
  if (options.apiKey !== undefined) {
    diagnostics.warn(
      '--api-key puts the key where other users of this machine can read it (ps, /proc). Set EC_API_KEY instead.',
    );

    return apiKeyAuth(options.apiKey, redactor);
  }
  if (basicFlags) {
    const password = await resolvePassword(options, io, diagnostics);

    return basicAuth(options.user ?? readEnv(io, 'EC_USER'), password, redactor);
  }

  return resolveEnvAuth(io, redactor);
}

function resolveEnvAuth(io: CliIo, redactor: SecretRedactor): ApiKeyAuth | BasicAuth | undefined {
  const apiKey = readEnv(io, 'EC_API_KEY');
  const username = readEnv(io, 'EC_USER');
  const password = readEnv(io, 'EC_PASS');
  if (apiKey !== undefined && (username !== undefined || password !== undefined)) {
    throw new UsageError(
      'EC_API_KEY and EC_USER or EC_PASS are all set. Unset one kind, or choose one with --api-key or --user.',
    );
  }
  if (apiKey !== undefined) return apiKeyAuth(apiKey, redactor);
  if (username !== undefined || password !== undefined) {
    return basicAuth(username, password, redactor);
  }

  return undefined;
}

async function readCaFile(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`cannot read the CA file ${JSON.stringify(path)} of --ca: ${reason}.`);
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    throw new UsageError(
      `the CA file ${JSON.stringify(path)} of --ca contains no PEM certificate (-----BEGIN CERTIFICATE-----).`,
    );
  }

  return text;
}

async function resolveTls(options: GlobalOptions): Promise<TlsOptions | undefined> {
  const tls: TlsOptions = {};
  if (options.ca !== undefined) tls.ca = await readCaFile(options.ca);
  // The client logs a warning through the logger when verification is off.
  if (options.insecure) tls.rejectUnauthorized = false;

  return Object.keys(tls).length > 0 ? tls : undefined;
}

function resolveTimeout(text: string): number {
  const timeout = parseDuration(text);
  if (timeout === undefined) {
    throw new UsageError(
      `--timeout ${JSON.stringify(text)} is not a valid duration. Give a number with a unit, such as 500ms, 30s, 2m or 1m30s, from 1ms to 596h.`,
    );
  }

  return timeout;
}

/** Turns the global options and the environment into client options. */
export async function resolveConnection(
  options: GlobalOptions,
  io: CliIo,
  redactor: SecretRedactor,
  diagnostics: Diagnostics,
): Promise<Connection> {
  const { host, source } = resolveHost(options, io);
  validateHostScheme(host, source);
  const timeout = resolveTimeout(options.timeout);
  const auth = await resolveAuth(options, io, redactor, diagnostics);
  const tls = await resolveTls(options);

  const clientOptions: EceClientOptions = { baseUrl: host, timeout };
  if (auth !== undefined) clientOptions.auth = auth;
  if (tls !== undefined) clientOptions.tls = tls;
  if (options.region !== undefined) clientOptions.region = options.region;
  if (options.allowInsecureHttp) clientOptions.allowInsecureHttp = true;

  return { clientOptions, hostSource: source };
}
