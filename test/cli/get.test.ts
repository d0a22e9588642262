import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Runner } from '../../src/index.js';
import { sendJson, startHttpServer } from '../helpers/local-server.js';
import { healthyRunner } from '../helpers/runners.js';
import { getRunnerExamples } from '../helpers/spec.js';
import { assertBuilt, mockCredentials, runBin } from './run-bin.js';

const mockUrl = inject('mockUrl');
let healthyExample: Runner;
let unhealthyExample: Runner;

beforeAll(async () => {
  assertBuilt();
  const examples = await getRunnerExamples('200');
  healthyExample = examples['healthy-allocator']?.value as Runner;
  unhealthyExample = examples['unhealthy-disconnected']?.value as Runner;
});

function serveRunner(runner: unknown) {
  return startHttpServer((_request, response) => sendJson(response, 200, runner));
}

describe('get against the mock', () => {
  it('prints the healthy runner as text', async () => {
    const result = await runBin(['--host', mockUrl, 'get', '192.0.2.10'], { env: mockCredentials });

    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatchSnapshot();
  });

  it('prints the healthy runner as JSON', async () => {
    const result = await runBin(['--host', mockUrl, 'get', '192.0.2.10', '--output', 'json'], {
      env: mockCredentials,
    });

    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(healthyExample);
    expect(result.stdout).toBe(`${JSON.stringify(JSON.parse(result.stdout), null, 2)}\n`);
  });

  it('accepts show as an alias', async () => {
    const result = await runBin(['show', '192.0.2.10', '-o', 'json'], {
      env: { ...mockCredentials, EC_HOST: mockUrl },
    });

    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(healthyExample);
  });

  it('passes --check for the healthy runner', async () => {
    const result = await runBin(['--host', mockUrl, 'get', '192.0.2.10', '--check'], {
      env: mockCredentials,
    });

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('OK: runner 192.0.2.10 is connected and healthy\n');
  });
});

describe('get for the unhealthy example', () => {
  it('prints the failed checks as text', async () => {
    const server = await serveRunner(unhealthyExample);
    const result = await runBin(['--host', server.url, 'get', '192.0.2.12'], {
      env: mockCredentials,
    });

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(
      'Healthy    no (failed checks: is_docker_healthy, is_connected_to_zk)',
    );
    expect(result.stdout).toMatchSnapshot();
  });

  it('prints the runner as JSON', async () => {
    const server = await serveRunner(unhealthyExample);
    const result = await runBin(['--host', server.url, '-o', 'json', 'get', '192.0.2.12'], {
      env: mockCredentials,
    });

    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(unhealthyExample);
  });

  it('fails --check and names each failed check', async () => {
    const server = await serveRunner(unhealthyExample);
    const result = await runBin(['--host', server.url, 'get', '192.0.2.12', '--check'], {
      env: mockCredentials,
    });

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe(
      'FAILED: runner 192.0.2.12 is not connected and not healthy (failed checks: is_docker_healthy, is_connected_to_zk)\n',
    );
  });

  it('fails --check with JSON output too', async () => {
    const server = await serveRunner(unhealthyExample);
    const result = await runBin(
      ['--host', server.url, 'get', '192.0.2.12', '--check', '-o', 'json'],
      {
        env: mockCredentials,
      },
    );

    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual(unhealthyExample);
  });
});

describe('get output details', () => {
  it('keeps fields the spec does not list in JSON', async () => {
    const runner = { ...healthyRunner(), future_field: { nested: [1, 2] } };
    const server = await serveRunner(runner);
    const result = await runBin(['--host', server.url, '-o', 'json', 'get', '192.0.2.21'], {
      env: mockCredentials,
    });

    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(runner);
  });

  it('shows the region and groups containers by set', async () => {
    const runner = healthyRunner({
      containers: [
        { container_name: 'frc-proxies-proxyv2', container_set_name: 'proxies' },
        { container_name: 'frc-runners-runner', container_set_name: 'runners' },
        { container_name: 'frc-proxies-route-server', container_set_name: 'proxies' },
      ],
    });
    const server = await serveRunner(runner);
    const result = await runBin(['--host', server.url, 'get', '192.0.2.21'], {
      env: mockCredentials,
    });

    expect(result.stdout).toContain('Region     ece-region\n');
    expect(result.stdout).toContain('  proxies  frc-proxies-proxyv2, frc-proxies-route-server\n');
    expect(result.stdout).toContain('  runners  frc-runners-runner\n');
  });

  it('sends --region in the path', async () => {
    const server = await serveRunner(healthyRunner());
    await runBin(['--host', server.url, '--region', 'ece-region', 'get', '192.0.2.21'], {
      env: mockCredentials,
    });

    expect(server.requests.map((request) => request.rawUrl)).toEqual([
      '/api/v1/regions/ece-region/platform/infrastructure/runners/192.0.2.21',
    ]);
  });

  it('prints no colour codes when stdout is a pipe', async () => {
    const result = await runBin(['--host', mockUrl, 'get', '192.0.2.10'], { env: mockCredentials });

    expect(result.stdout).not.toContain('\x1b[');
  });
});
