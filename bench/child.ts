/** Runs node child processes for the benchmark and collects their output. */
import { spawn } from 'node:child_process';

export interface ChildRun {
  stdout: string;
  /** Wall time from spawn to exit, in milliseconds. */
  wallMs: number;
}

/**
 * Spawns a command without a shell and resolves when it exits with 0. Rejects with the
 * command and its stderr otherwise. The spawn is asynchronous, so a server in this
 * process keeps serving the child.
 */
export function runChild(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      if (code === 0) {
        resolve({ stdout, wallMs });
        return;
      }
      reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr}`));
    });
  });
}

/** Runs a TypeScript file of the benchmark in a fresh node process, through tsx. */
export function runTypeScript(
  file: string,
  args: readonly string[],
  nodeFlags: readonly string[] = [],
): Promise<ChildRun> {
  const path = new URL(file, import.meta.url).pathname;

  return runChild(process.execPath, [...nodeFlags, '--import', 'tsx', path, ...args]);
}
