#!/usr/bin/env node
/**
 * The `ece-runners` command. `--version` is handled here without loading commander or
 * the client, so that it costs little more than starting Node; all else loads on demand.
 */
import { packageVersion } from '../version.js';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${packageVersion}\n`);
} else {
  const { runCli } = await import('./run.js');
  process.exitCode = await runCli(args, {
    stdout: process.stdout,
    stderr: process.stderr,
    // Wrapped, so that process.stdin is opened only when --password-stdin reads it.
    stdin: { [Symbol.asyncIterator]: () => process.stdin[Symbol.asyncIterator]() },
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
  });
}
