import { Command, Option } from 'commander';
import { createEceClient, packageVersion, type Runner } from '../index.js';
import { ExitCode, exitCodeHelp } from './errors.js';
import { checkRunner, formatRunner, selectStyle } from './format.js';
import type { CliIo, Diagnostics, SecretRedactor } from './io.js';
import { createCliLogger } from './logger.js';
import {
  type Connection,
  type GlobalOptions,
  insecureWarning,
  resolveConnection,
} from './settings.js';

// Help is wrapped at a fixed width, so that it reads the same in every terminal and test.
const helpWidth = 100;

/** State of one run that the error handler reads after commander returns or throws. */
export interface RunState {
  exitCode: number;
  connection: Connection | undefined;
  verbose: boolean;
}

/** Commander's error text without its `error: ` prefix. */
function stripCommanderPrefix(text: string): string {
  return text.replace(/^error: /, '');
}

function addGlobalOptions(program: Command): void {
  program
    .option(
      '--host <url>',
      'address of the ECE API, such as https://ece.example.com:12443 (env EC_HOST); /api/v1 is added',
    )
    .option('--api-key <key>', 'ECE API key; prefer env EC_API_KEY, which other users cannot see')
    .option('--user <name>', 'user name for HTTP basic authentication (env EC_USER)')
    .option('--password-stdin', 'read the password from standard input (else env EC_PASS)')
    .addOption(new Option('--pass <password>', 'password; other users can see it, prefer EC_PASS'))
    .option(
      '--region <name>',
      'send requests to /api/v1/regions/<name>/..., as ecctl does (ECE: ece-region)',
    )
    .option(
      '--ca <file>',
      'PEM file of the CA certificates to trust, for a self-signed certificate',
    )
    .option(
      '--insecure',
      'skip TLS certificate verification (anyone on the path can read the credentials)',
    )
    .option(
      '--allow-insecure-http',
      'allow credentials over plain http:// to a host that is not loopback',
    )
    .option('--timeout <duration>', 'timeout of each attempt, such as 500ms, 30s or 2m', '30s')
    .addOption(
      new Option('-o, --output <format>', 'output format')
        .choices(['text', 'json'])
        .default('text'),
    )
    .option('--verbose', 'log each request on stderr (credentials redacted) and show error stacks');
}

function writeRunner(
  runner: Runner,
  check: boolean,
  options: GlobalOptions,
  io: CliIo,
  redactor: SecretRedactor,
): number {
  const verdict = checkRunner(runner);
  const exitCode = !check || verdict.passed ? ExitCode.ok : ExitCode.checkFailed;
  if (options.output === 'json') {
    // Every field of the server's object, including those the spec does not list yet. The
    // body is parsed and serialized again, so 1.0 prints as 1 and integers beyond 2^53 round.
    io.stdout.write(`${JSON.stringify(runner, null, 2)}\n`);
  } else if (check) {
    io.stdout.write(`${verdict.line}\n`);
  } else {
    const style = selectStyle(io.stdoutIsTTY, io.env.NO_COLOR);
    io.stdout.write(redactor.redact(formatRunner(runner, style)));
  }

  return exitCode;
}

async function runGet(
  runnerId: string,
  check: boolean,
  options: GlobalOptions,
  context: { io: CliIo; redactor: SecretRedactor; diagnostics: Diagnostics; state: RunState },
): Promise<void> {
  const { io, redactor, diagnostics, state } = context;
  const connection = await resolveConnection(options, io, redactor, diagnostics);
  state.connection = connection;
  const client = createEceClient({
    ...connection.clientOptions,
    logger: createCliLogger(diagnostics, options.verbose === true),
  });
  if (options.insecure) diagnostics.warn(insecureWarning);
  try {
    const runner = await client.getRunner(runnerId);
    state.exitCode = writeRunner(runner, check, options, io, redactor);
  } finally {
    await client.close();
  }
}

/** Builds the commander program of `ece-runners`. Its actions set `state.exitCode`. */
export function createProgram(
  io: CliIo,
  redactor: SecretRedactor,
  diagnostics: Diagnostics,
  state: RunState,
): Command {
  const program = new Command('ece-runners')
    .description('Show the runners (hosts) of an Elastic Cloud Enterprise installation.')
    .version(packageVersion, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'print help')
    .helpCommand(false)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`ece-runners: ${stripCommanderPrefix(text)}`),
      getOutHelpWidth: () => helpWidth,
      getErrHelpWidth: () => helpWidth,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .configureHelp({ showGlobalOptions: true })
    .showSuggestionAfterError(true)
    .addHelpText('after', `\n${exitCodeHelp}\n`);
  addGlobalOptions(program);

  program
    .command('get')
    .alias('show')
    .description('Show one runner: health, connection, roles, containers and build.')
    .argument('<runner-id>', 'id of the runner, by default its IP address, such as 192.0.2.10')
    .option('--check', 'print one line and exit 1 unless the runner is connected and healthy')
    .addHelpText('after', `\n${exitCodeHelp}\n`)
    .action(async (runnerId: string, commandOptions: { check?: boolean }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      state.verbose = options.verbose === true;
      await runGet(runnerId, commandOptions.check === true, options, {
        io,
        redactor,
        diagnostics,
        state,
      });
    });

  return program;
}
