import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runBin } from './run-bin.js';

const { version } = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as { version: string };

beforeAll(() => assertBuilt());

describe('help and version', () => {
  it('prints the program help', async () => {
    const result = await runBin(['--help']);

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatchSnapshot();
  });

  it('prints the help of get', async () => {
    const result = await runBin(['get', '--help']);

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatchSnapshot();
  });

  it.each([['--version'], ['-V']])('prints the version for %s', async (flag) => {
    const result = await runBin([flag]);

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(`${version}\n`);
  });

  it('prints the version after other flags', async () => {
    const result = await runBin(['--host', 'https://ece.example.com:12443', '--version']);

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(`${version}\n`);
  });
});
