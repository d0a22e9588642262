import { describe, expect, it } from 'vitest';
import { bundleLibrary, measureBundle, sizeBudgetBytes } from '../../bench/size.js';

// Size is deterministic for a given source tree, so it is checked here. Timings are
// measured only by `npm run bench`.
describe('library bundle', () => {
  it('stays under the gzipped size budget', async () => {
    const bundle = await measureBundle(true);

    expect(bundle.gzippedBytes).toBeLessThanOrEqual(sizeBudgetBytes);
  });

  it('loads undici only on demand', async () => {
    const code = await bundleLibrary(true);

    expect(code).toContain('import("undici")');
    expect(code).not.toMatch(/from\s*"undici"/);
  });
});
