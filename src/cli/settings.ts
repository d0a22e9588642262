import { readFile } from 'node:fs/promises';
import type { ApiKeyAuth, BasicAuth, EceClientOptions, TlsOptions } from '../index.js';
import { parseDuration } from './duration.js';
import { credentialOptions, UsageError } from './errors.js';
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

/**
 * The warning for `--insecure`, in the command's terms. The client's own warning names its
 * options, so the CLI logger drops it (see createCliLogger).
 */
export const insecureWarning =
  '--insecure turns off TLS certificate verification, so anyone on the network path can read the credentials. Pass --ca <file> with the CA certificate of ECE instead.';

/** Client options resolved from the flags and the environment. */
export interface Connection {
  clientOptions: EceClientOptions;
  /** The flag or variable that set the host, `--host` or `EC_HOST`, for error messages. */
  hostSource: string;
}

/**
 * Returns the host from `--host` or `EC_HOST` without surrounding whitespace, or throws a
 * usage error that names both. An empty or blank value counts as not set.
 */
function resolveHost(options: GlobalOptions, io: CliIo): { host: string; source: string } {
  const flagHost = options.host?.trim();
  if (flagHost) return { host: flagHost, source: '--host' };

  const envHost = readEnv(io, 'EC_HOST')?.trim();
  if (!envHost) {
    throw new UsageError(
      'no ECE host is set. Pass --host https://ece.example.com:12443 or set EC_HOST.',
    );
  }

  return { host: envHost, source: 'EC_HOST' };
}

/**
 * Rejects a host without `scheme://`, because URL parsing reads `ece.example.com:12443` as the
 * scheme `ece.example.com:` and the path `12443`. The suggested address keeps the host and port.
 */
function validateHostScheme(host: string, source: string): void {
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(host)) return;

  // Drops a user:password@ part, so that the message never shows a password.
  const hostWithoutUser = host.replace(/^[^/@]*@/, '');
  // Drops a scheme without its two slashes, such as `https:` or `https:/`, and leading slashes.
  const address = hostWithoutUser.replace(/^(https?:)?\/*/i, '');
  const example = `https://${address || 'ece.example.com:12443'}`;
  const problem = address === hostWithoutUser ? 'has no scheme' : 'is not a valid URL';
  throw new UsageError(
    `${source} ${JSON.stringify(hostWithoutUser)} ${problem}. Give the full address, such as ${example}.`,
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
 * with a user name or password in the same place is a usage error, and so is giving no
 * credentials, because every request to the ECE API needs them.
 */
async function resolveAuth(
  options: GlobalOptions,
  io: CliIo,
  redactor: SecretRedactor,
  diagnostics: Diagnostics,
): Promise<ApiKeyAuth | BasicAuth> {
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

  const auth = resolveEnvAuth(io, redactor);
  if (auth === undefined) {
    throw new UsageError(
      `no credentials are set, and the ECE API requires them. Give ${credentialOptions}.`,
    );
  }

  return auth;
}

/** Joins names as English prose: `A`, `A and B`, `A, B and C`. */
function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');

  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function resolveEnvAuth(io: CliIo, redactor: SecretRedactor): ApiKeyAuth | BasicAuth | undefined {
  const apiKey = readEnv(io, 'EC_API_KEY');
  const username = readEnv(io, 'EC_USER');
  const password = readEnv(io, 'EC_PASS');
  if (apiKey !== undefined && (username !== undefined || password !== undefined)) {
    const basicNames = [
      ...(username === undefined ? [] : ['EC_USER']),
      ...(password === undefined ? [] : ['EC_PASS']),
    ];
    const allNames = joinNames(['EC_API_KEY', ...basicNames]);
    const quantifier = basicNames.length === 1 ? 'both' : 'all';
    throw new UsageError(
      `${allNames} are ${quantifier} set, which mixes an API key with a user name or password. Unset EC_API_KEY or ${joinNames(basicNames)}, or choose one kind with --api-key or --user.`,
    );
  }
  if (apiKey !== undefined) return apiKeyAuth(apiKey, redactor);
  if (username !== undefined || password !== undefined) {
    return basicAuth(username, password, redactor);
  }

  return undefined;
}

/** Describes a failed read of the `--ca` file by its error code, with the fix. */
export function describeCaReadError(path: string, error: NodeJS.ErrnoException): string {
  const file = `the CA file ${JSON.stringify(path)} of --ca`;
  switch (error.code) {
    case 'ENOENT':
      return `${file} was not found. Pass the path of a PEM file that contains the CA certificate of ECE.`;
    case 'ENOTDIR':
      return `${file} was not found, because a part of the path is not a directory. Pass the path of a PEM file that contains the CA certificate of ECE.`;
    case 'EISDIR':
      return `${file} is a directory. Pass the path of a PEM file inside it, not the directory.`;
    case 'EACCES':
    case 'EPERM':
      return `${file} cannot be read: permission denied. Make the file readable for this user, or pass a readable copy.`;
    default:
      return `${file} cannot be read: ${error.message}.`;
  }
}

async function readCaFile(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(describeCaReadError(path, error as NodeJS.ErrnoException), {
      cause: error,
    });
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
  // The command prints its own warning for --insecure, see insecureWarning.
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

  const clientOptions: EceClientOptions = { baseUrl: host, timeout, auth };
  if (tls !== undefined) clientOptions.tls = tls;
  if (options.region !== undefined) clientOptions.region = options.region;
  if (options.allowInsecureHttp) clientOptions.allowInsecureHttp = true;

  return { clientOptions, hostSource: source };
}
