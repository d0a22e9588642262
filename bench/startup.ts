/**
 * CLI start-up: wall time from spawn to exit of `ece-runners --version` and
 * `ece-runners get`, beside `node -e ""` and a bare node script that fetches the same URL.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runChild } from './child.js';
import { benchApiKey } from './contenders.js';
import { benchRunnerId } from './fixture.js';
import type { BenchServer } from './server.js';
import { median } from './stats.js';

export const startupSettings = { warmUpSpawns: 3, spawns: 20 } as const;

export const cliBinPath = fileURLToPath(new URL('../dist/src/cli/bin.js', import.meta.url));

export interface StartupFigure {
  name: string;
  /** Median wall time per spawn, in milliseconds. */
  wallMs: number;
}

export type StartupResult = { skipped: string } | { figures: StartupFigure[] };

interface Command {
  name: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

// A bare node script that does what `ece-runners get` does at the HTTP level.
const bareFetchScript = [
  'const response = await fetch(process.argv[1], {',
  "  headers: { accept: 'application/json', authorization: 'ApiKey ' + process.env.EC_API_KEY },",
  '});',
  'process.stdout.write(await response.text());',
].join('\n');

function commands(server: BenchServer): Command[] {
  const env = { ...process.env, EC_API_KEY: benchApiKey };

  return [
    { name: 'node -e ""', args: ['-e', ''], env },
    {
      name: 'bare node script, one fetch',
      args: ['--input-type=module', '-e', bareFetchScript, server.runnerUrl],
      env,
    },
    { name: 'ece-runners --version', args: [cliBinPath, '--version'], env },
    {
      name: 'ece-runners get',
      args: [cliBinPath, 'get', benchRunnerId, '--host', server.origin],
      env,
    },
  ];
}

/**
 * Spawns each command in turn, so that a change in machine load hits all of them alike.
 * Returns a skip note when the CLI is not built.
 */
export async function measureStartup(server: BenchServer): Promise<StartupResult> {
  if (!existsSync(cliBinPath)) return { skipped: 'skipped: CLI not built' };

  const list = commands(server);
  const samples = list.map((): number[] => []);
  const total = startupSettings.warmUpSpawns + startupSettings.spawns;
  for (let spawn = 0; spawn < total; spawn += 1) {
    for (const [index, command] of list.entries()) {
      const { wallMs } = await runChild(process.execPath, command.args, command.env);
      if (spawn >= startupSettings.warmUpSpawns) samples[index]?.push(wallMs);
    }
  }

  return {
    figures: list.map((command, index) => ({
      name: command.name,
      wallMs: median(samples[index] ?? []),
    })),
  };
}
