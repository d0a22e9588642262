/**
 * First run: starts the Prism mock of the spec and runs the `ece-runners` command
 * in-process against it: a healthy runner as text, an unhealthy one with `--check`, and a
 * missing one. Then it stops the mock.
 */
import { type CliIo, runCli } from '../src/cli/run.js';
import { exampleRunnerIds, startMockServer } from './mock-server.js';

const io: CliIo = {
  stdout: process.stdout,
  stderr: process.stdout,
  stdin: process.stdin,
  // The mock accepts any credentials, as long as there are some.
  env: { EC_USER: 'admin', EC_PASS: 'mock-password' },
  stdoutIsTTY: process.stdout.isTTY === true,
};

async function run(host: string, args: string[]): Promise<void> {
  process.stdout.write(`$ ece-runners ${args.join(' ')}\n`);
  const exitCode = await runCli(['--host', host, ...args], io);
  process.stdout.write(`(exit code ${exitCode})\n\n`);
}

const mock = await startMockServer();
try {
  process.stdout.write(
    [
      `Started a mock ECE API at ${mock.url}/api/v1, which serves the examples of openapi/.`,
      `Each command below gets --host ${mock.url} and reads EC_USER and EC_PASS.`,
      '',
      '',
    ].join('\n'),
  );
  await run(mock.url, ['get', '192.0.2.10']);
  await run(mock.url, ['get', exampleRunnerIds.unhealthy, '--check']);
  await run(mock.url, ['get', exampleRunnerIds.missing]);
} finally {
  await mock.close();
}
