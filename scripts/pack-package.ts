/**
 * Packs this package with `npm pack`, which runs the `prepack` build first, so the
 * tarball always contains a fresh `dist/`.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

export interface PackedPackage {
  /** Absolute path of the `.tgz` file. */
  tarball: string;
  /** Paths inside the tarball, relative to its `package/` folder. */
  files: string[];
  /** Size of the tarball in bytes. */
  size: number;
  /** Total size of the packed files in bytes. */
  unpackedSize: number;
}

interface NpmPackEntry {
  filename: string;
  files: Array<{ path: string }>;
  size: number;
  unpackedSize: number;
}

/** Packs the package into `destination`, an existing folder, and describes the tarball. */
export async function packPackage(destination: string): Promise<PackedPackage> {
  const { stdout } = await execFileAsync(
    'npm',
    ['pack', '--json', '--pack-destination', destination],
    {
      cwd: repositoryRoot,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  // npm prints the output of the prepack build to stderr, so stdout is only the JSON.
  const [entry] = JSON.parse(stdout) as NpmPackEntry[];
  if (!entry) throw new Error(`npm pack printed no tarball description: ${stdout}`);

  return {
    tarball: path.join(destination, entry.filename),
    files: entry.files.map((file) => file.path),
    size: entry.size,
    unpackedSize: entry.unpackedSize,
  };
}
