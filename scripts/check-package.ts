/**
 * Checks the packed package as a consumer installs it: publint for the
 * package.json fields and the files they point to, and Are the Types Wrong (attw) for
 * the type declarations under every module resolution mode. Exits 1 on any problem.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { type PackedPackage, packPackage, repositoryRoot } from './pack-package.js';

const execFileAsync = promisify(execFile);

async function runPublint(packed: PackedPackage): Promise<boolean> {
  const tarball = await readFile(packed.tarball);
  const { messages, pkg } = await publint({
    // publint reads the files from the tarball, whose root folder is `package`.
    pkgDir: 'package',
    pack: { tarball: new Uint8Array(tarball).buffer },
    strict: true,
  });
  for (const message of messages) {
    console.log(`publint ${message.type}: ${formatMessage(message, pkg, { color: false })}`);
  }
  console.log(`publint: ${messages.length} problem(s)`);

  return messages.length === 0;
}

async function runAttw(packed: PackedPackage): Promise<boolean> {
  // The package is ESM only by design. Node 20.19+ and 22.12+, which `engines` requires,
  // load it with require() without a flag, so the CJS-resolves-to-ESM rule does not
  // apply. attw's TypeScript predates TypeScript 5.8, which models require() of ESM.
  const args = [packed.tarball, '--ignore-rules', 'cjs-resolves-to-esm', '--no-color'];
  try {
    const { stdout } = await execFileAsync(
      path.join(repositoryRoot, 'node_modules/.bin/attw'),
      args,
    );
    console.log(stdout);

    return true;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    console.error(stdout ?? '', stderr ?? '');

    return false;
  }
}

const folder = await mkdtemp(path.join(os.tmpdir(), 'ece-runners-check-'));
try {
  const packed = await packPackage(folder);
  console.log(`packed ${packed.files.length} files, ${packed.size} bytes`);
  const publintPassed = await runPublint(packed);
  const attwPassed = await runAttw(packed);
  if (!publintPassed || !attwPassed) process.exitCode = 1;
} finally {
  await rm(folder, { recursive: true, force: true });
}
