/**
 * Loads the library as `npm run build` emits it (dist/src/index.js), the code that users
 * run. Workers do not import src/ through tsx, because tsx compiles with esbuild's
 * keepNames, which adds a call to every closure that the client creates per request.
 */
import { existsSync } from 'node:fs';

type Library = typeof import('../src/index.js');

const builtEntry = new URL('../dist/src/index.js', import.meta.url);

export async function loadBuiltLibrary(): Promise<Library> {
  if (!existsSync(builtEntry)) {
    throw new Error(`${builtEntry.pathname} is missing. Run npm run build, or npm run bench.`);
  }

  return (await import(builtEntry.href)) as Library;
}
