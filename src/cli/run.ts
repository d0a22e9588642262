import { CommanderError } from 'commander';
import { describeError, ExitCode, exitCodeFor } from './errors.js';
import { type CliIo, createDiagnostics, type Diagnostics, SecretRedactor } from './io.js';
import { createProgram, type RunState } from './program.js';

export type { CliIo, TextOutput } from './io.js';

/** Writes the stack of an error and of its causes, for `--verbose`. */
function writeStack(error: unknown, diagnostics: Diagnostics): void {
  let current: unknown = error;
  let prefix = '';
  while (current instanceof Error) {
    diagnostics.raw(`${prefix}${current.stack ?? current.message}\n`);
    current = current.cause;
    prefix = 'Caused by: ';
  }
}

/**
 * Runs `ece-runners` with the arguments after the program name and returns the exit code.
 * It writes only to `io`, and reads stdin only for `--password-stdin`.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const redactor = new SecretRedactor();
  const diagnostics = createDiagnostics(io, redactor);
  const state: RunState = { exitCode: ExitCode.ok, connection: undefined, verbose: false };
  const program = createProgram(io, redactor, diagnostics, state);

  try {
    await program.parseAsync([...argv], { from: 'user' });

    return state.exitCode;
  } catch (error) {
    // Commander has already printed its message, or the help and version it was asked for.
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }

    diagnostics.error(describeError(error, state.connection?.hostSource ?? '--host'));
    if (state.verbose) writeStack(error, diagnostics);

    return exitCodeFor(error);
  }
}
