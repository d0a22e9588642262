import { describe, expect, it } from 'vitest';
import {
  createEceClient,
  EceApiError,
  EceInvalidArgumentError,
  EceResponseValidationError,
  RunnerNotFoundError,
} from '../../src/index.js';
import { sendJson, startHttpServer } from '../helpers/local-server.js';
import { failedReply, healthyRunner } from '../helpers/runners.js';

const auth = { username: 'admin', password: 'secret-value' };

async function serveOnce(status: number, body: string, headers: Record<string, string> = {}) {
  return startHttpServer((_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(body);
  });
}

describe('getRunner success', () => {
  it('returns the runner with every field', async () => {
    const runner = healthyRunner();
    const server = await startHttpServer((_request, response) => sendJson(response, 200, runner));
    const client = createEceClient({ baseUrl: server.url, auth });

    await expect(client.getRunner('192.0.2.21')).resolves.toEqual(runner);
  });

  it('keeps unknown fields', async () => {
    const body = { ...healthyRunner(), capacity_mb: 65536, nested: { future: [1, 2] } };
    const server = await startHttpServer((_request, response) => sendJson(response, 200, body));
    const client = createEceClient({ baseUrl: server.url, auth });

    const runner = await client.getRunner('192.0.2.21');
    expect(runner).toEqual(body);
  });

  it('sends GET to the documented path', async () => {
    const server = await startHttpServer((_request, response) =>
      sendJson(response, 200, healthyRunner()),
    );
    const client = createEceClient({ baseUrl: server.url, auth });

    await client.getRunner('192.0.2.21');
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.method).toBe('GET');
    expect(server.requests[0]?.rawUrl).toBe('/api/v1/platform/infrastructure/runners/192.0.2.21');
  });

  it('sends the region form of the path', async () => {
    const server = await startHttpServer((_request, response) =>
      sendJson(response, 200, healthyRunner()),
    );
    const client = createEceClient({ baseUrl: `${server.url}/`, auth, region: 'ece-region' });

    await client.getRunner('192.0.2.21');
    expect(server.requests[0]?.rawUrl).toBe(
      '/api/v1/regions/ece-region/platform/infrastructure/runners/192.0.2.21',
    );
  });

  it('uses a base URL with a path as given', async () => {
    const server = await startHttpServer((_request, response) =>
      sendJson(response, 200, healthyRunner()),
    );
    const client = createEceClient({ baseUrl: `${server.url}/proxy/ece/`, auth });

    await client.getRunner('192.0.2.21');
    expect(server.requests[0]?.rawUrl).toBe(
      '/proxy/ece/platform/infrastructure/runners/192.0.2.21',
    );
  });

  it('sends basic credentials, accept and user agent', async () => {
    const server = await startHttpServer((_request, response) =>
      sendJson(response, 200, healthyRunner()),
    );
    const client = createEceClient({ baseUrl: server.url, auth });

    await client.getRunner('192.0.2.21');
    const headers = server.requests[0]?.headers;
    expect(headers?.authorization).toBe(
      `Basic ${Buffer.from('admin:secret-value').toString('base64')}`,
    );
    expect(headers?.accept).toBe('application/json');
    expect(headers?.['user-agent']).toMatch(/^ece-runners\/\d+\.\d+\.\d+ Node\.js\/\d+\.\d+\.\d+$/);
  });

  it('sends an API key', async () => {
    const server = await startHttpServer((_request, response) =>
      sendJson(response, 200, healthyRunner()),
    );
    const client = createEceClient({ baseUrl: server.url, auth: { apiKey: 'ZXhhbXBsZQ==' } });

    await client.getRunner('192.0.2.21');
    expect(server.requests[0]?.headers.authorization).toBe('ApiKey ZXhhbXBsZQ==');
  });

  it('sends custom headers, which override the user agent', async () => {
    const server = await startHttpServer((_request, response) =>
      sendJson(response, 200, healthyRunner()),
    );
    const client = createEceClient({
      baseUrl: server.url,
      auth,
      headers: { 'User-Agent': 'ops-check/2', 'X-Trace': 'abc' },
    });

    await client.getRunner('192.0.2.21');
    expect(server.requests[0]?.headers['user-agent']).toBe('ops-check/2');
    expect(server.requests[0]?.headers['x-trace']).toBe('abc');
  });

  it('accepts a body with a byte-order mark and odd spacing', async () => {
    const text = `\uFEFF ${JSON.stringify(healthyRunner(), null, 1).replaceAll('":', '" :')}\n`;
    const server = await serveOnce(200, text);
    const client = createEceClient({ baseUrl: server.url, auth });

    await expect(client.getRunner('192.0.2.21')).resolves.toEqual(healthyRunner());
  });
});

describe('getRunner runner ids', () => {
  it.each([
    ['192.0.2.10', '192.0.2.10'],
    ['i-0a1b2c3d4e5f', 'i-0a1b2c3d4e5f'],
    ['a/b', 'a%2Fb'],
    ['../admin', '..%2Fadmin'],
    ['50%', '50%25'],
    ['%2F', '%252F'],
    ['with space', 'with%20space'],
    ['q?x=1#f', 'q%3Fx%3D1%23f'],
    ['...', '...'],
    ['.hidden', '.hidden'],
    ['zoné-1', 'zon%C3%A9-1'],
    ['😀', '%F0%9F%98%80'],
  ])('sends %j as one segment %s', async (runnerId, segment) => {
    const server = await startHttpServer((_request, response) =>
      sendJson(response, 200, healthyRunner()),
    );
    const client = createEceClient({ baseUrl: server.url, auth });

    await client.getRunner(runnerId);
    expect(server.requests[0]?.rawUrl).toBe(`/api/v1/platform/infrastructure/runners/${segment}`);
  });

  it.each([
    ['', 'must not be empty'],
    ['.', 'cannot be sent'],
    ['..', 'cannot be sent'],
    ['\uD800x', 'lone UTF-16 surrogate'],
    [undefined, 'must be a string such as "192.0.2.10", got undefined'],
    [null, 'got null'],
    [42, 'got number 42'],
    [{ id: 'x' }, 'got an object'],
  ])('rejects %j before any request', async (runnerId, expected) => {
    const server = await startHttpServer((_request, response) =>
      sendJson(response, 200, healthyRunner()),
    );
    const client = createEceClient({ baseUrl: server.url, auth });

    const error = await client.getRunner(runnerId as string).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EceInvalidArgumentError);
    expect((error as EceInvalidArgumentError).argument).toBe('runnerId');
    expect((error as Error).message).toContain(expected);
    expect(server.requests).toHaveLength(0);
  });

  it('names the rejected value', async () => {
    const client = createEceClient({ baseUrl: 'https://ece.example.com', auth });
    await expect(client.getRunner('..')).rejects.toThrow('runnerId ".." cannot be sent');
  });

  it('rejects options that are not an object', async () => {
    const client = createEceClient({ baseUrl: 'https://ece.example.com', auth });
    await expect(client.getRunner('x', 'fast' as never)).rejects.toThrow(EceInvalidArgumentError);
    await expect(client.getRunner('x', { signal: 'stop' } as never)).rejects.toThrow(
      'options.signal must be an AbortSignal',
    );
  });
});

describe('getRunner errors', () => {
  it('throws RunnerNotFoundError for runners.runner_not_found', async () => {
    const server = await serveOnce(
      404,
      JSON.stringify(failedReply('runners.runner_not_found', 'Runner not found')),
      {
        'x-cloud-error-codes': 'runners.runner_not_found',
      },
    );
    const client = createEceClient({ baseUrl: server.url, auth });

    const error = (await client
      .getRunner('192.0.2.99')
      .catch((caught: unknown) => caught)) as RunnerNotFoundError;
    expect(error).toBeInstanceOf(RunnerNotFoundError);
    expect(error).toBeInstanceOf(EceApiError);
    expect(error.name).toBe('RunnerNotFoundError');
    expect(error.status).toBe(404);
    expect(error.statusText).toBe('Not Found');
    expect(error.method).toBe('GET');
    expect(error.url).toBe(`${server.url}/api/v1/platform/infrastructure/runners/192.0.2.99`);
    expect(error.runnerId).toBe('192.0.2.99');
    expect(error.codes).toEqual(['runners.runner_not_found']);
    expect(error.errors).toEqual([
      { code: 'runners.runner_not_found', message: 'Runner not found' },
    ]);
    expect(error.bodyText).toBeUndefined();
    expect(error.attempts).toBe(1);
    expect(error.message).toBe(
      `Runner "192.0.2.99" was not found: GET ${error.url} returned 404 Not Found: runners.runner_not_found: Runner not found.`,
    );
  });

  it('finds the code in the header alone', async () => {
    const server = await serveOnce(404, '', { 'x-cloud-error-codes': 'runners.runner_not_found' });
    const client = createEceClient({ baseUrl: server.url, auth });

    const error = (await client
      .getRunner('x')
      .catch((caught: unknown) => caught)) as RunnerNotFoundError;
    expect(error).toBeInstanceOf(RunnerNotFoundError);
    expect(error.errors).toEqual([]);
    expect(error.codes).toEqual(['runners.runner_not_found']);
  });

  it('merges codes from body and header without repeats', async () => {
    const body = {
      errors: [
        { code: 'a.one', message: 'One', fields: null },
        { code: 'b.two', message: 'Two' },
      ],
    };
    const server = await serveOnce(400, JSON.stringify(body), {
      'x-cloud-error-codes': 'b.two, c.three',
    });
    const client = createEceClient({ baseUrl: server.url, auth });

    const error = (await client.getRunner('x').catch((caught: unknown) => caught)) as EceApiError;
    expect(error.codes).toEqual(['a.one', 'b.two', 'c.three']);
    expect(error.errors[0]).toEqual({ code: 'a.one', message: 'One', fields: null });
    expect(error.message).toContain('a.one: One; b.two: Two');
  });

  it('does not call a plain 404 a missing runner', async () => {
    const server = await startHttpServer((_request, response) => {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('  no such route \n');
    });
    const client = createEceClient({ baseUrl: server.url, auth });

    const error = (await client.getRunner('x').catch((caught: unknown) => caught)) as EceApiError;
    expect(error).toBeInstanceOf(EceApiError);
    expect(error).not.toBeInstanceOf(RunnerNotFoundError);
    expect(error.bodyText).toBe('no such route');
    expect(error.message).toContain('baseUrl may not point at the ECE API');
  });

  it('names the problem of a 401', async () => {
    const server = await serveOnce(
      401,
      JSON.stringify(failedReply('root.unauthenticated', 'Unauthenticated')),
    );
    const client = createEceClient({ baseUrl: server.url, auth });

    const error = (await client.getRunner('x').catch((caught: unknown) => caught)) as EceApiError;
    expect(error.status).toBe(401);
    expect(error.codes).toEqual(['root.unauthenticated']);
    expect(error.message).toContain('Check the credentials in the auth option.');
  });

  it('ends the message with one period', async () => {
    const server = await serveOnce(
      401,
      JSON.stringify({ title: 'Denied', detail: 'Log in first.' }),
    );
    const client = createEceClient({ baseUrl: server.url, auth });

    const error = (await client.getRunner('x').catch((caught: unknown) => caught)) as EceApiError;
    expect(error.message).toContain(
      'returned 401 Unauthorized: Denied: Log in first. Check the credentials',
    );
    expect(error.message).not.toContain('..');
  });

  it('turns a 200 error list into EceApiError', async () => {
    const body = failedReply(
      'controller_route.controller_not_ready',
      'Not yet ready to serve requests to other routes',
    );
    const server = await serveOnce(200, JSON.stringify(body, null, 1).replaceAll('":', '" :'));
    const client = createEceClient({ baseUrl: server.url, auth });

    const error = (await client.getRunner('x').catch((caught: unknown) => caught)) as EceApiError;
    expect(error).toBeInstanceOf(EceApiError);
    expect(error.status).toBe(200);
    expect(error.codes).toEqual(['controller_route.controller_not_ready']);
    expect(error.message).toContain(
      'returned 200 OK: controller_route.controller_not_ready: Not yet ready',
    );
  });
});

describe('getRunner response validation', () => {
  it('lists every problem with its JSON path', async () => {
    const runner: Record<string, unknown> = { ...healthyRunner(), connected: 'yes' };
    delete runner.host_ip;
    runner.containers = [{ container_name: 'frc-runners-runner' }];
    runner.tags = { cpu: 64 };
    runner['weird key'] = 1;
    const server = await startHttpServer((_request, response) => sendJson(response, 200, runner));
    const client = createEceClient({ baseUrl: server.url, auth });

    const error = (await client
      .getRunner('x')
      .catch((caught: unknown) => caught)) as EceResponseValidationError;
    expect(error).toBeInstanceOf(EceResponseValidationError);
    expect(error.status).toBe(200);
    expect(error.problems).toEqual(
      expect.arrayContaining([
        { path: '$.host_ip', message: 'is required but missing' },
        { path: '$.connected', message: 'must be boolean' },
        { path: '$.containers[0].container_set_name', message: 'is required but missing' },
        { path: '$.tags.cpu', message: 'must be string' },
      ]),
    );
    expect(error.problems).toHaveLength(4);
    expect(error.message).toContain('\n  - $.host_ip is required but missing');
    expect(error.message).toContain('validateResponses to false');
    expect(error.body).toEqual(runner);
  });

  it('accepts an invalid runner with validateResponses false', async () => {
    const server = await startHttpServer((_request, response) =>
      sendJson(response, 200, { runner_id: 'x' }),
    );
    const client = createEceClient({ baseUrl: server.url, auth, validateResponses: false });

    await expect(client.getRunner('x')).resolves.toEqual({ runner_id: 'x' });
  });

  it.each([
    ['an empty body', '', 'is empty; expected a RunnerInfo object'],
    ['HTML', '<html><title>Login</title></html>', 'is not JSON: Login'],
    ['an array', '[]', 'must be object'],
    ['null', 'null', 'must be object'],
  ])('rejects %s even without validation', async (_name, body, expected) => {
    const server = await serveOnce(200, body);
    const client = createEceClient({ baseUrl: server.url, auth, validateResponses: false });

    const error = (await client
      .getRunner('x')
      .catch((caught: unknown) => caught)) as EceResponseValidationError;
    expect(error).toBeInstanceOf(EceResponseValidationError);
    expect(error.problems[0]?.path).toBe('$');
    expect(error.problems[0]?.message).toBe(expected);
    expect(error.message).not.toContain('validateResponses');
  });
});

describe('raw api client', () => {
  it('shares base URL and credentials', async () => {
    const server = await startHttpServer((_request, response) =>
      sendJson(response, 200, healthyRunner()),
    );
    const client = createEceClient({ baseUrl: server.url, auth: { apiKey: 'key-1' } });

    const { data, response } = await client.api.GET(
      '/platform/infrastructure/runners/{runner_id}',
      {
        params: { path: { runner_id: '192.0.2.21' } },
      },
    );
    expect(response.status).toBe(200);
    expect(data?.runner_id).toBe('192.0.2.21');
    expect(server.requests[0]?.headers.authorization).toBe('ApiKey key-1');
  });

  it('returns error bodies instead of throwing', async () => {
    const server = await serveOnce(
      404,
      JSON.stringify(failedReply('runners.runner_not_found', 'Runner not found')),
    );
    const client = createEceClient({ baseUrl: server.url, auth });

    const { error, response } = await client.api.GET(
      '/platform/infrastructure/runners/{runner_id}',
      {
        params: { path: { runner_id: 'x' } },
      },
    );
    expect(response.status).toBe(404);
    expect(error?.errors[0]?.code).toBe('runners.runner_not_found');
  });
});
