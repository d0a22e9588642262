/** Runs the built `ece-runners` bin as a child process, as an installed package would. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const binPath = fileURLToPath(new URL('../../dist/src/cli/bin.js', import.meta.url));

export interface BinResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export interface BinOptions {
  /** Environment variables on top of PATH. No EC_* variable is inherited. */
  env?: Record<string, string>;
  /** Text for stdin; stdin is closed at once without it. */
  stdin?: string;
}

/** Throws unless `npm run build` has produced the bin. */
export function assertBuilt(): void {
  if (!existsSync(binPath)) {
    throw new Error(`${binPath} does not exist. Run npm run build before the cli tests.`);
  }
}

export function runBin(args: string[], options: BinOptions = {}): Promise<BinResult> {
  const child = spawn(process.execPath, [binPath, ...args], {
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdin.end(options.stdin ?? '');

  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}

/** Credentials that the Prism mock accepts, passed through the environment. */
export const mockCredentials = { EC_USER: 'admin', EC_PASS: 'mock-password' };
