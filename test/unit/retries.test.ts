import { describe, expect, it } from 'vitest';
import { createEceClient, EceApiError } from '../../src/index.js';
import { parseRetryAfter, retryDelay, retryReason } from '../../src/retry.js';
import { sendJson, startHttpServer } from '../helpers/local-server.js';
import { createRecordingLogger } from '../helpers/logger.js';
import { healthyRunner } from '../helpers/runners.js';

const auth = { apiKey: 'test-key' };

describe('retryReason', () => {
  it.each([408, 429, 502, 503, 504])('retries status %i', (status) => {
    expect(retryReason('GET', { kind: 'response', status, retryAfter: null })).toBe(
      `status ${status}`,
    );
  });

  it.each([200, 301, 400, 401, 403, 404, 500, 501])('does not retry status %i', (status) => {
    expect(retryReason('GET', { kind: 'response', status, retryAfter: null })).toBeUndefined();
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('does not retry %s', (method) => {
    expect(retryReason(method, { kind: 'timeout' })).toBeUndefined();
  });

  it('retries timeouts and connection failures', () => {
    expect(retryReason('GET', { kind: 'timeout' })).toBe('timeout');
    expect(
      retryReason('GET', { kind: 'connection', code: 'ECONNRESET', isCertificateError: false }),
    ).toBe('connection failure ECONNRESET');
  });

  it('does not retry a certificate failure', () => {
    const result = {
      kind: 'connection',
      code: 'CERT_HAS_EXPIRED',
      isCertificateError: true,
    } as const;
    expect(retryReason('GET', result)).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-12-04T12:00:00Z');

  it.each([
    ['0', 0],
    ['7', 7000],
    [' 12 ', 12_000],
    ['Fri, 04 Dec 2026 12:00:30 GMT', 30_000],
    ['Fri, 04 Dec 2026 11:59:00 GMT', 0],
  ])('parses %j', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });

  it.each([null, '', '-1', '1.5', 'soon'])('ignores %j', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});

describe('retryDelay', () => {
  it('doubles from 500 ms with jitter between half and all', () => {
    expect(retryDelay(1, null, 30_000, () => 0)).toBe(250);
    expect(retryDelay(1, null, 30_000, () => 1)).toBe(500);
    expect(retryDelay(2, null, 30_000, () => 1)).toBe(1000);
    expect(retryDelay(3, null, 30_000, () => 0.5)).toBe(1500);
  });

  it('caps the backoff', () => {
    expect(retryDelay(20, null, 4000, () => 1)).toBe(4000);
  });

  it('prefers Retry-After and caps it', () => {
    expect(retryDelay(1, '3', 30_000, () => 0)).toBe(3000);
    expect(retryDelay(1, '120', 5000, () => 0)).toBe(5000);
  });
});

describe('retries against a server', () => {
  it.each([408, 429, 502, 503, 504])('retries %i and succeeds', async (status) => {
    const server = await startHttpServer((_request, response, index) => {
      if (index === 0) {
        response.writeHead(status, { 'retry-after': '0' });
        response.end();
        return;
      }
      sendJson(response, 200, healthyRunner());
    });
    const client = createEceClient({ baseUrl: server.url, auth });

    await expect(client.getRunner('x')).resolves.toEqual(healthyRunner());
    expect(server.requests).toHaveLength(2);
  });

  it('gives up after maxRetries and says how many attempts', async () => {
    const server = await startHttpServer((_request, response) => {
      response.writeHead(503, { 'retry-after': '0', 'content-type': 'text/plain' });
      response.end('maintenance');
    });
    const client = createEceClient({ baseUrl: server.url, auth, maxRetries: 3 });

    const error = (await client.getRunner('x').catch((caught: unknown) => caught)) as EceApiError;
    expect(error).toBeInstanceOf(EceApiError);
    expect(error.status).toBe(503);
    expect(error.attempts).toBe(4);
    expect(error.message).toContain(
      'returned 503 Service Unavailable after 4 attempts: maintenance.',
    );
    expect(server.requests).toHaveLength(4);
  });

  it('does not retry with maxRetries 0', async () => {
    const server = await startHttpServer((_request, response) => {
      response.writeHead(503);
      response.end();
    });
    const client = createEceClient({ baseUrl: server.url, auth, maxRetries: 0 });

    await expect(client.getRunner('x')).rejects.toBeInstanceOf(EceApiError);
    expect(server.requests).toHaveLength(1);
  });

  it.each([400, 404, 500])('does not retry %i', async (status) => {
    const server = await startHttpServer((_request, response) => {
      response.writeHead(status);
      response.end();
    });
    const client = createEceClient({ baseUrl: server.url, auth });

    await expect(client.getRunner('x')).rejects.toBeInstanceOf(EceApiError);
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry a POST through the api client', async () => {
    const server = await startHttpServer((_request, response) => {
      response.writeHead(503);
      response.end();
    });
    const client = createEceClient({ baseUrl: server.url, auth });

    const { response } = await client.api.request(
      'post' as never,
      '/platform/infrastructure/runners/{runner_id}' as never,
      {
        params: { path: { runner_id: 'x' } },
      } as never,
    );
    expect((response as Response).status).toBe(503);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.method).toBe('POST');
  });

  it.each([
    ['delay-seconds', '120'],
    ['an HTTP date', new Date(Date.now() + 120_000).toUTCString()],
  ])('takes Retry-After as %s, capped by maxRetryDelay', async (_form, retryAfter) => {
    const server = await startHttpServer((_request, response, index) => {
      if (index === 0) {
        response.writeHead(429, { 'retry-after': retryAfter });
        response.end();
        return;
      }
      sendJson(response, 200, healthyRunner());
    });
    const logger = createRecordingLogger();
    const client = createEceClient({ baseUrl: server.url, auth, logger, maxRetryDelay: 40 });

    await expect(client.getRunner('x')).resolves.toEqual(healthyRunner());
    const retries = logger.entries.filter((entry) => entry.level === 'warn');
    expect(retries).toHaveLength(1);
    expect(retries[0]?.fields.delayMs).toBe(40);
    expect(retries[0]?.fields.reason).toBe('status 429');
  });

  it('waits no longer than a Retry-After of 0', async () => {
    const server = await startHttpServer((_request, response, index) => {
      if (index === 0) {
        response.writeHead(503, { 'retry-after': '0' });
        response.end();
        return;
      }
      sendJson(response, 200, healthyRunner());
    });
    const logger = createRecordingLogger();
    const client = createEceClient({ baseUrl: server.url, auth, logger });

    await client.getRunner('x');
    expect(logger.entries.find((entry) => entry.level === 'warn')?.fields.delayMs).toBe(0);
  });
});
