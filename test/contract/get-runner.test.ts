/**
 * Contract tests: the client against a Prism mock of the same spec, which rejects any
 * request or response that breaks the spec (`--errors`).
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createEceClient,
  EceApiError,
  type EceClientOptions,
  type Runner,
  RunnerNotFoundError,
} from '../../src/index.js';
import { getRunnerExamples } from '../helpers/spec.js';

const mockUrl = inject('mockUrl');
const basic = { username: 'admin', password: 'contract-test' };
let examples: Record<string, { value: unknown }>;
let notFoundExample: { value: unknown };

beforeAll(async () => {
  examples = await getRunnerExamples('200');
  notFoundExample = (await getRunnerExamples('404'))['runner-not-found'] as { value: unknown };
});

function client(options: Partial<EceClientOptions> = {}) {
  return createEceClient({ baseUrl: mockUrl, auth: basic, maxRetries: 0, ...options });
}

const runnerFields = [
  'runner_id',
  'runner_name',
  'zone',
  'tags',
  'features',
  'build_info',
  'host_ip',
  'public_hostname',
  'containers',
  'roles',
  'connected',
  'healthy',
  'health_checks',
] as const;

describe('Get runner against the mock', () => {
  it('returns the healthy example with every field typed', async () => {
    const runner = await client().getRunner('192.0.2.10');

    expect(runner).toEqual(examples['healthy-allocator']?.value);
    for (const field of runnerFields) expect(runner).toHaveProperty(field);
    expect(typeof runner.runner_id).toBe('string');
    expect(typeof runner.host_ip).toBe('string');
    expect(typeof runner.public_hostname).toBe('string');
    expect(typeof runner.connected).toBe('boolean');
    expect(typeof runner.healthy).toBe('boolean');
    expect(
      runner.containers.every((container) => typeof container.container_set_name === 'string'),
    ).toBe(true);
    expect(runner.roles.map((role) => role.role_name)).toContain('allocator');
    expect(Object.values(runner.tags ?? {}).every((value) => typeof value === 'string')).toBe(true);
    expect(Object.values(runner.features ?? {}).every((value) => typeof value === 'boolean')).toBe(
      true,
    );
    expect(runner.health_checks).toEqual({
      is_docker_healthy: true,
      is_connected_to_zk: true,
      has_containers: true,
    });
  });

  it('returns the unhealthy example', async () => {
    const runner: Runner = await client({
      headers: { prefer: 'example=unhealthy-disconnected' },
    }).getRunner('192.0.2.12');

    expect(runner).toEqual(examples['unhealthy-disconnected']?.value);
    expect(runner.connected).toBe(false);
    expect(runner.healthy).toBe(false);
    expect(runner.health_checks?.is_docker_healthy).toBe(false);
  });

  it('throws RunnerNotFoundError for the 404', async () => {
    const error = (await client({ headers: { prefer: 'code=404' } })
      .getRunner('192.0.2.99')
      .catch((caught: unknown) => caught)) as RunnerNotFoundError;

    expect(error).toBeInstanceOf(RunnerNotFoundError);
    expect(error.status).toBe(404);
    expect(error.codes).toEqual(['runners.runner_not_found']);
    expect(error.errors).toEqual((notFoundExample.value as { errors: unknown }).errors);
    expect(error.runnerId).toBe('192.0.2.99');
  });

  it('gets 401 without credentials', async () => {
    const error = (await createEceClient({ baseUrl: mockUrl, maxRetries: 0 })
      .getRunner('192.0.2.10')
      .catch((caught: unknown) => caught)) as EceApiError;

    expect(error).toBeInstanceOf(EceApiError);
    expect(error).not.toBeInstanceOf(RunnerNotFoundError);
    expect(error.status).toBe(401);
    expect(error.message).toContain('Check the credentials');
  });

  it('authenticates with an API key', async () => {
    const runner = await client({ auth: { apiKey: 'Y29udHJhY3QtdGVzdA==' } }).getRunner(
      '192.0.2.10',
    );
    expect(runner.runner_id).toBe('192.0.2.10');
  });

  it('authenticates with basic credentials', async () => {
    const runner = await client({ auth: basic }).getRunner('192.0.2.10');
    expect(runner.runner_id).toBe('192.0.2.10');
  });

  it('reaches the region form of the path', async () => {
    const runner = await client({ region: 'ece-region' }).getRunner('192.0.2.10');
    expect(runner.runner_id).toBe('192.0.2.10');
  });

  it('sends an encoded id that the spec accepts', async () => {
    const runner = await client().getRunner('rack 4/host:7');
    expect(runner.runner_id).toBe('192.0.2.10');
  });

  it('maps example runner ids without Prefer', async () => {
    const unhealthy = await client().getRunner('192.0.2.12');
    expect(unhealthy).toEqual(examples['unhealthy-disconnected']?.value);

    const error = await client()
      .getRunner('192.0.2.99')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunnerNotFoundError);
  });

  it('serves the raw api client too', async () => {
    const { data, response } = await client().api.GET(
      '/platform/infrastructure/runners/{runner_id}',
      {
        params: { path: { runner_id: '192.0.2.10' } },
      },
    );
    expect(response.status).toBe(200);
    expect(data).toEqual(examples['healthy-allocator']?.value);
  });
});
