/**
 * Proves that the contract tests can fail: a mock of a spec that disagrees with the
 * client, by its path or by an example that breaks its own schema, makes getRunner throw.
 */
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../../scripts/mock-server.js';
import { createEceClient, EceApiError } from '../../src/index.js';

const openapiDirectory = new URL('../../openapi/', import.meta.url);
const temporaryDirectories: string[] = [];

/** Copies the spec into a temporary folder and applies `change` to one of its files. */
function changedSpec(
  file: string,
  change: (text: string) => string,
  rename?: [string, string],
): string {
  const directory = mkdtempSync(join(tmpdir(), 'ece-runners-spec-'));
  temporaryDirectories.push(directory);
  cpSync(openapiDirectory, directory, { recursive: true });
  const path = join(directory, file);
  const original = readFileSync(path, 'utf8');
  const changed = change(original);
  expect(changed).not.toBe(original);
  writeFileSync(path, changed);
  if (rename) renameSync(join(directory, rename[0]), join(directory, rename[1]));

  return join(directory, 'openapi.yaml');
}

let wrongPath: MockServer;
let brokenExample: MockServer;

beforeAll(async () => {
  const wrongPathSpec = changedSpec('openapi.yaml', (text) =>
    text.replace(
      '/platform/infrastructure/runners/{runner_id}:',
      '/platform/infrastructure/hosts/{runner_id}:',
    ),
  );
  const brokenExampleSpec = changedSpec('components/examples/RunnerHealthyAllocator.yaml', (text) =>
    text.replace(/^ {2}host_ip: .*\n/m, ''),
  );
  [wrongPath, brokenExample] = await Promise.all([
    startMockServer({ specPath: wrongPathSpec }),
    startMockServer({ specPath: brokenExampleSpec }),
  ]);
});

afterAll(async () => {
  await Promise.all([wrongPath?.close(), brokenExample?.close()]);
  for (const directory of temporaryDirectories) rmSync(directory, { recursive: true, force: true });
});

describe('contract harness', () => {
  it('fails when the spec has another path', async () => {
    const client = createEceClient({
      baseUrl: wrongPath.url,
      auth: { apiKey: 'key' },
      maxRetries: 0,
    });

    const error = (await client
      .getRunner('192.0.2.10')
      .catch((caught: unknown) => caught)) as EceApiError;
    expect(error).toBeInstanceOf(EceApiError);
    expect(error.status).toBe(404);
    expect(error.message).toContain('Route not resolved');
  });

  it('fails when an example lacks a required field', async () => {
    const client = createEceClient({
      baseUrl: brokenExample.url,
      auth: { apiKey: 'key' },
      maxRetries: 0,
    });

    const error = (await client
      .getRunner('192.0.2.10')
      .catch((caught: unknown) => caught)) as EceApiError;
    expect(error).toBeInstanceOf(EceApiError);
    expect(error.status).toBe(500);
    expect(JSON.stringify(error.body)).toContain("must have required property 'host_ip'");
  });
});
