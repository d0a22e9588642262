import { describe, expectTypeOf, it } from 'vitest';
import {
  createEceClient,
  type EceClient,
  type Runner,
  type RunnerBuildInfo,
  type RunnerContainer,
  type RunnerHealthChecks,
  type RunnerRole,
} from '../../src/index.js';

/** The keys of T that are not optional. */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

describe('client types', () => {
  it('getRunner resolves to Runner', () => {
    const client = createEceClient({ baseUrl: 'https://ece.example.com:12443' });
    expectTypeOf(client).toEqualTypeOf<EceClient>();
    expectTypeOf(client.getRunner).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(client.getRunner).returns.resolves.toEqualTypeOf<Runner>();
  });

  it('Runner has the required set of the spec', () => {
    expectTypeOf<RequiredKeys<Runner>>().toEqualTypeOf<
      'runner_id' | 'host_ip' | 'public_hostname' | 'containers' | 'roles' | 'connected' | 'healthy'
    >();
    expectTypeOf<Runner['runner_id']>().toEqualTypeOf<string>();
    expectTypeOf<Runner['connected']>().toEqualTypeOf<boolean>();
    expectTypeOf<Runner['containers']>().toEqualTypeOf<RunnerContainer[]>();
    expectTypeOf<Runner['roles']>().toEqualTypeOf<RunnerRole[]>();
  });

  it('optional parts are optional', () => {
    expectTypeOf<Runner['health_checks']>().toEqualTypeOf<RunnerHealthChecks | undefined>();
    expectTypeOf<Runner['build_info']>().toEqualTypeOf<RunnerBuildInfo | undefined>();
    expectTypeOf<Runner['region']>().toEqualTypeOf<string | undefined>();
  });

  it('maps have the right value types', () => {
    expectTypeOf<NonNullable<Runner['tags']>>().toEqualTypeOf<{ [key: string]: string }>();
    expectTypeOf<NonNullable<Runner['features']>>().toEqualTypeOf<{ [key: string]: boolean }>();
  });

  it('nested parts have their required fields', () => {
    expectTypeOf<RequiredKeys<RunnerContainer>>().toEqualTypeOf<
      'container_name' | 'container_set_name'
    >();
    expectTypeOf<RequiredKeys<RunnerRole>>().toEqualTypeOf<'role_name'>();
    expectTypeOf<RequiredKeys<RunnerHealthChecks>>().toEqualTypeOf<
      'is_docker_healthy' | 'is_connected_to_zk' | 'has_containers'
    >();
    expectTypeOf<RequiredKeys<RunnerBuildInfo>>().toEqualTypeOf<never>();
  });

  it('rejects a misspelt field and a wrong auth shape', () => {
    const runner = {} as Runner;
    // @ts-expect-error: the field is runner_id
    void runner.runnerId;
    // @ts-expect-error: basic auth needs a password
    createEceClient({ baseUrl: 'https://ece.example.com', auth: { username: 'admin' } });
    createEceClient({
      baseUrl: 'https://ece.example.com',
      // @ts-expect-error: an API key and a user exclude each other
      auth: { apiKey: 'k', username: 'u', password: 'p' },
    });
    const tlsWithFetch = { baseUrl: 'https://ece.example.com', fetch: globalThis.fetch, tls: {} };
    // @ts-expect-error: a custom fetch cannot apply the TLS settings
    createEceClient(tlsWithFetch);
    // @ts-expect-error: the runner id is a string
    void createEceClient({ baseUrl: 'https://ece.example.com' }).getRunner(42);
  });
});
