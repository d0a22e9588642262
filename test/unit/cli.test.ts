import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/cli/duration.js';
import { optionPhrases } from '../../src/cli/errors.js';
import { checkRunner, formatRunner, selectStyle } from '../../src/cli/format.js';
import { clientInsecureWarningPhrase } from '../../src/cli/logger.js';
import { type CliIo, runCli } from '../../src/cli/run.js';
import { describeCaReadError } from '../../src/cli/settings.js';
import { sendJson, startHttpServer } from '../helpers/local-server.js';
import { healthyRunner } from '../helpers/runners.js';

const plain = selectStyle(false, undefined);

function captureIo(env: Record<string, string>, stdoutIsTTY: boolean) {
  const output = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: { write: (text: string) => (output.stdout += text) },
    stderr: { write: (text: string) => (output.stderr += text) },
    stdin: (async function* () {})(),
    env,
    stdoutIsTTY,
  };

  return { io, output };
}

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['1.5s', 1500],
    ['596h', 2_145_600_000],
  ])('parses %s', (text, milliseconds) => {
    expect(parseDuration(text)).toBe(milliseconds);
  });

  it.each(['', '30', 's', '-1s', '0s', '0.1ms', '1d', '1 s', '597h', '30S'])(
    'rejects %j',
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );
});

describe('formatRunner', () => {
  it('omits absent optional fields', () => {
    const runner = healthyRunner();
    delete runner.region;
    delete runner.zone;
    delete runner.build_info;
    delete runner.runner_name;
    const text = formatRunner(runner, plain);

    expect(text).not.toMatch(/^(Region|Zone|Build|Name) /m);
    expect(text).toMatch(/^Runner {5}192\.0\.2\.21$/m);
  });

  it('says none for empty tags, features and roles', () => {
    const text = formatRunner(healthyRunner({ roles: [], tags: {}, features: {} }), plain);

    expect(text).toContain('Roles      none\n');
    expect(text).toContain('Tags\n  none\n');
    expect(text).toContain('Features\n  none\n');
  });

  it('replaces control characters from the server', () => {
    const text = formatRunner(healthyRunner({ zone: 'zone\x1b[2J\nx' }), plain);

    expect(text).toContain('Zone       zone?[2J?x\n');
  });

  it('names a health check that the spec does not list', () => {
    const health_checks = {
      is_docker_healthy: true,
      is_connected_to_zk: true,
      has_containers: true,
      is_disk_healthy: false,
    };
    const runner = healthyRunner({ healthy: false, health_checks });

    expect(formatRunner(runner, plain)).toContain('Healthy    no (failed checks: is_disk_healthy)');
    expect(checkRunner(runner).line).toBe(
      'FAILED: runner 192.0.2.21 is not healthy (failed checks: is_disk_healthy)',
    );
  });

  it('reports unhealthy without health checks', () => {
    const runner = healthyRunner({ healthy: false });
    delete runner.health_checks;

    expect(checkRunner(runner)).toEqual({
      passed: false,
      line: 'FAILED: runner 192.0.2.21 is not healthy',
    });
  });
});

describe('colour', () => {
  it('colours only a terminal without NO_COLOR', () => {
    expect(formatRunner(healthyRunner(), selectStyle(true, undefined))).toContain('\x1b[32myes');
    expect(formatRunner(healthyRunner(), selectStyle(true, '1'))).not.toContain('\x1b[');
    expect(formatRunner(healthyRunner(), selectStyle(false, undefined))).not.toContain('\x1b[');
  });

  it('follows io.stdoutIsTTY and NO_COLOR in runCli', async () => {
    const server = await startHttpServer((_request, response) =>
      sendJson(response, 200, healthyRunner()),
    );
    const credentials = { EC_API_KEY: 'unit-test-key' };
    const terminal = captureIo({ EC_HOST: server.url, ...credentials }, true);
    const noColor = captureIo({ EC_HOST: server.url, NO_COLOR: '1', ...credentials }, true);

    expect(await runCli(['get', '192.0.2.21'], terminal.io)).toBe(0);
    expect(await runCli(['get', '192.0.2.21'], noColor.io)).toBe(0);
    expect(terminal.output.stdout).toContain('\x1b[32myes\x1b[39m');
    expect(noColor.output.stdout).not.toContain('\x1b[');
  });
});

describe('CLI message translation', () => {
  const librarySources = readdirSync(new URL('../../src/', import.meta.url))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => readFileSync(new URL(`../../src/${name}`, import.meta.url), 'utf8'))
    .join('\n');

  it.each(optionPhrases)('finds %j in the library', (phrase) => {
    expect(librarySources).toContain(phrase);
  });

  it('finds the insecure warning phrase in the library', () => {
    expect(librarySources).toContain(clientInsecureWarningPhrase);
  });
});

describe('CA read errors', () => {
  const failure = (code: string) => Object.assign(new Error(`${code}: failed`), { code });

  it.each([
    ['ENOENT', 'was not found. Pass the path of a PEM file'],
    ['ENOTDIR', 'a part of the path is not a directory'],
    ['EISDIR', 'is a directory. Pass the path of a PEM file inside it'],
    ['EACCES', 'cannot be read: permission denied. Make the file readable'],
    ['EPERM', 'cannot be read: permission denied.'],
    ['EIO', 'cannot be read: EIO: failed.'],
  ])('describes %s', (code, expected) => {
    const message = describeCaReadError('/etc/ece/ca.pem', failure(code));
    expect(message).toContain('the CA file "/etc/ece/ca.pem" of --ca');
    expect(message).toContain(expected);
  });
});
