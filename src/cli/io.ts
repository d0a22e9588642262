/** A stream that the CLI writes text to, such as `process.stdout`. */
export interface TextOutput {
  write(text: string): unknown;
}

/** The streams and environment that one run of the CLI uses, so that tests can pass their own. */
export interface CliIo {
  stdout: TextOutput;
  stderr: TextOutput;
  /** Read only for `--password-stdin`. */
  stdin: AsyncIterable<string | Uint8Array>;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal, which decides whether the text output uses colour. */
  stdoutIsTTY: boolean;
}

/**
 * Known secrets of one run: the password, the API key and the basic authentication token.
 * Every line the CLI writes to stderr, and its text output, passes through `redact`.
 */
export class SecretRedactor {
  readonly #secrets = new Set<string>();

  add(secret: string): void {
    // Replacing a one-character secret would garble every line.
    if (secret.length > 1) this.#secrets.add(secret);
  }

  redact(text: string): string {
    let result = text;
    for (const secret of this.#secrets) result = result.replaceAll(secret, '[REDACTED]');

    return result;
  }
}

/** Writes diagnostic lines to stderr, each with the `ece-runners: ` prefix and secrets redacted. */
export function createDiagnostics(io: CliIo, redactor: SecretRedactor) {
  return {
    error: (message: string) => io.stderr.write(redactor.redact(`ece-runners: ${message}\n`)),
    warn: (message: string) =>
      io.stderr.write(redactor.redact(`ece-runners: warning: ${message}\n`)),
    debug: (message: string) =>
      io.stderr.write(redactor.redact(`ece-runners: debug: ${message}\n`)),
    raw: (text: string) => io.stderr.write(redactor.redact(text)),
  };
}

export type Diagnostics = ReturnType<typeof createDiagnostics>;

/** Returns an environment variable, treating an empty value as unset. */
export function readEnv(io: CliIo, name: string): string | undefined {
  const value = io.env[name];

  return value === undefined || value === '' ? undefined : value;
}

/** Reads all of stdin as UTF-8 and removes one trailing line break. */
export async function readStdinLine(io: CliIo): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
  }

  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
