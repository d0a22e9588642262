/**
 * Bundle size of the library entry (src/index.ts) and the count of installed runtime
 * dependencies. Both are deterministic for a given source tree and lockfile.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** 12 kB, in decimal units like every size on the benchmark page. */
export const sizeBudgetBytes = 12_000;

export interface BundleSize {
  name: string;
  /** Packages left as imports, not bundled. */
  external: string[];
  minifiedBytes: number;
  gzippedBytes: number;
}

const entryPoint = new URL('../src/index.ts', import.meta.url).pathname;
const lockfilePath = new URL('../package-lock.json', import.meta.url);

/** Returns the packages to keep external: undici always, openapi-fetch unless it is bundled. */
function externalsOf(bundleOpenapiFetch: boolean): string[] {
  return bundleOpenapiFetch ? ['undici'] : ['openapi-fetch', 'undici'];
}

/**
 * Bundles src/index.ts with esbuild (platform node, ESM, minified) and returns the code.
 * undici is always external: the client imports it only for the `tls` option.
 */
export async function bundleLibrary(bundleOpenapiFetch: boolean): Promise<string> {
  const result = await build({
    entryPoints: [entryPoint],
    bundle: true,
    platform: 'node',
    format: 'esm',
    minify: true,
    write: false,
    external: externalsOf(bundleOpenapiFetch),
    logLevel: 'silent',
  });

  return result.outputFiles[0]?.text ?? '';
}

/** Measures the library bundle, minified and then gzipped at level 9. */
export async function measureBundle(bundleOpenapiFetch: boolean): Promise<BundleSize> {
  const code = Buffer.from(await bundleLibrary(bundleOpenapiFetch));

  return {
    name: bundleOpenapiFetch ? 'library with openapi-fetch bundled' : 'library code alone',
    external: externalsOf(bundleOpenapiFetch),
    minifiedBytes: code.byteLength,
    gzippedBytes: gzipSync(code, { level: 9 }).byteLength,
  };
}

interface LockfileEntry {
  dev?: boolean;
  devOptional?: boolean;
}

/**
 * Lists the packages that `npm ci --omit=dev` installs, from package-lock.json: every
 * entry under node_modules that is not marked dev-only.
 */
export function listRuntimePackages(): string[] {
  const lockfile = JSON.parse(readFileSync(lockfilePath, 'utf8')) as {
    packages: Record<string, LockfileEntry>;
  };

  return Object.entries(lockfile.packages)
    .filter(([path, entry]) => path.startsWith('node_modules/') && !entry.dev && !entry.devOptional)
    .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length))
    .sort();
}
