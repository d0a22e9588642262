import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  createEceClient,
  EceApiError,
  EceConnectionError,
  EceResponseTooLargeError,
  EceTimeoutError,
} from '../../src/index.js';
import { sendJson, startHttpServer } from '../helpers/local-server.js';
import { healthyRunner } from '../helpers/runners.js';

const auth = { username: 'admin', password: 'secret-value' };

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

/** Runs `call` and returns its rejection and how long it took, in milliseconds. */
async function timedRejection(call: () => Promise<unknown>) {
  const started = performance.now();
  const error = await rejectionOf(call());

  return { error, elapsed: performance.now() - started };
}

/** Writes `total` bytes in 64 KiB chunks, and records how many went out before the peer left. */
function streamBytes(
  response: http.ServerResponse,
  total: number,
  progress: { written: number; closed: boolean },
) {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  response.on('close', () => {
    progress.closed = true;
  });
  const writeMore = () => {
    while (progress.written < total && !progress.closed) {
      progress.written += chunk.length;
      if (!response.write(chunk)) {
        response.once('drain', writeMore);
        return;
      }
    }
    if (!progress.closed) response.end();
  };
  writeMore();
}

describe('timeouts', () => {
  it('times out while waiting for headers', async () => {
    const server = await startHttpServer(() => {});
    const client = createEceClient({ baseUrl: server.url, auth, timeout: 150, maxRetries: 0 });

    const { error, elapsed } = await timedRejection(() => client.getRunner('x'));
    expect(error).toBeInstanceOf(EceTimeoutError);
    expect((error as EceTimeoutError).timeout).toBe(150);
    expect((error as EceTimeoutError).attempts).toBe(1);
    expect((error as Error).message).toBe(
      `GET ${server.url}/api/v1/platform/infrastructure/runners/x timed out after 150 ms. Raise the timeout option or check that the ECE coordinator is reachable.`,
    );
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(1000);
  });

  it('times out while the body stalls', async () => {
    const server = await startHttpServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      response.write('{"runner_id":');
    });
    const client = createEceClient({ baseUrl: server.url, auth, timeout: 150, maxRetries: 0 });

    const { error, elapsed } = await timedRejection(() => client.getRunner('x'));
    expect(error).toBeInstanceOf(EceTimeoutError);
    expect(elapsed).toBeLessThan(1000);
  });

  it('retries a timeout and reports every attempt', async () => {
    const server = await startHttpServer(() => {});
    const client = createEceClient({
      baseUrl: server.url,
      auth,
      timeout: 100,
      maxRetries: 2,
      maxRetryDelay: 5,
    });

    const { error, elapsed } = await timedRejection(() => client.getRunner('x'));
    expect(error).toBeInstanceOf(EceTimeoutError);
    expect((error as EceTimeoutError).attempts).toBe(3);
    expect((error as Error).message).toContain('timed out after 100 ms on each of 3 attempts.');
    expect(server.requests).toHaveLength(3);
    expect(elapsed).toBeLessThan(3 * 100 + 1000);
  });

  it('ends a call whose custom fetch ignores the signal', async () => {
    const fetch = () => new Promise<Response>(() => {});
    const client = createEceClient({
      baseUrl: 'https://ece.example.com',
      auth,
      fetch,
      timeout: 100,
      maxRetries: 0,
    });

    const { error, elapsed } = await timedRejection(() => client.getRunner('x'));
    expect(error).toBeInstanceOf(EceTimeoutError);
    expect(elapsed).toBeLessThan(1000);
  });
});

describe('caller abort', () => {
  it('rejects with the caller reason and does not retry', async () => {
    const server = await startHttpServer(() => {});
    const client = createEceClient({ baseUrl: server.url, auth, timeout: 5000, maxRetries: 2 });
    const controller = new AbortController();
    const reason = new Error('operator cancelled');
    setTimeout(() => controller.abort(reason), 50);

    const { error, elapsed } = await timedRejection(() =>
      client.getRunner('x', { signal: controller.signal }),
    );
    expect(error).toBe(reason);
    expect(server.requests).toHaveLength(1);
    expect(elapsed).toBeLessThan(1000);
  });

  it('rejects with the caller reason without retries', async () => {
    const server = await startHttpServer(() => {});
    const client = createEceClient({ baseUrl: server.url, auth, timeout: 5000, maxRetries: 0 });
    const controller = new AbortController();
    const reason = new Error('operator cancelled');
    setTimeout(() => controller.abort(reason), 50);

    await expect(client.getRunner('x', { signal: controller.signal })).rejects.toBe(reason);
  });

  it('rejects with the caller reason during the body', async () => {
    const server = await startHttpServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      response.write('{"runner_id":');
    });
    const client = createEceClient({ baseUrl: server.url, auth, timeout: 5000, maxRetries: 0 });
    const controller = new AbortController();
    const reason = new Error('operator cancelled');
    setTimeout(() => controller.abort(reason), 50);

    await expect(client.getRunner('x', { signal: controller.signal })).rejects.toBe(reason);
  });

  it('rejects at once for a signal that is already aborted', async () => {
    const server = await startHttpServer((_request, response) =>
      sendJson(response, 200, healthyRunner()),
    );
    const client = createEceClient({ baseUrl: server.url, auth });
    const reason = new Error('too late');

    await expect(client.getRunner('x', { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(server.requests).toHaveLength(0);
  });

  it('stops waiting between retries', async () => {
    const server = await startHttpServer((_request, response) => {
      response.writeHead(503, { 'retry-after': '30' });
      response.end();
    });
    const client = createEceClient({
      baseUrl: server.url,
      auth,
      maxRetries: 2,
      maxRetryDelay: 30_000,
    });
    const controller = new AbortController();
    const reason = new Error('shutting down');
    setTimeout(() => controller.abort(reason), 100);

    const { error, elapsed } = await timedRejection(() =>
      client.getRunner('x', { signal: controller.signal }),
    );
    expect(error).toBe(reason);
    expect(server.requests).toHaveLength(1);
    expect(elapsed).toBeLessThan(1000);
  });
});

describe('connection failures', () => {
  it('reports a refused connection after every attempt', async () => {
    const server = await startHttpServer(() => {});
    const url = server.url;
    await server.close();
    const client = createEceClient({ baseUrl: url, auth, maxRetries: 2, maxRetryDelay: 5 });

    const error = (await rejectionOf(client.getRunner('x'))) as EceConnectionError;
    expect(error).toBeInstanceOf(EceConnectionError);
    expect(error.code).toBe('ECONNREFUSED');
    expect(error.attempts).toBe(3);
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.message).toContain(
      `GET ${url}/api/v1/platform/infrastructure/runners/x failed after 3 attempts`,
    );
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).toContain('Check that the host and port in baseUrl are right');
  });

  it('reports a reset socket', async () => {
    const server = await startHttpServer((request) => request.socket.destroy());
    const client = createEceClient({ baseUrl: server.url, auth, maxRetries: 0 });

    const error = (await rejectionOf(client.getRunner('x'))) as EceConnectionError;
    expect(error).toBeInstanceOf(EceConnectionError);
    expect(error.code).toBe('UND_ERR_SOCKET');
    expect(server.requests).toHaveLength(1);
  });

  it('retries a reset socket and then succeeds', async () => {
    const server = await startHttpServer((request, response, index) => {
      if (index === 0) {
        request.socket.destroy();
        return;
      }
      sendJson(response, 200, healthyRunner());
    });
    const client = createEceClient({ baseUrl: server.url, auth, maxRetryDelay: 5 });

    await expect(client.getRunner('x')).resolves.toEqual(healthyRunner());
    expect(server.requests).toHaveLength(2);
  });

  it('reports a socket reset in the middle of the body', async () => {
    const server = await startHttpServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      response.write('{"runner_id":"x",', () => response.socket?.destroy());
    });
    const client = createEceClient({ baseUrl: server.url, auth, maxRetries: 0 });

    const error = await rejectionOf(client.getRunner('x'));
    expect(error).toBeInstanceOf(EceConnectionError);
  });
});

describe('error bodies', () => {
  it('reads an HTML 502 page from a proxy', async () => {
    const html =
      '\n<html>\n<head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center></body>\n</html>\n';
    const server = await startHttpServer((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end(html);
    });
    const client = createEceClient({ baseUrl: server.url, auth, maxRetries: 0 });

    const error = (await rejectionOf(client.getRunner('x'))) as EceApiError;
    expect(error).toBeInstanceOf(EceApiError);
    expect(error.status).toBe(502);
    expect(error.bodyText).toBe(html.trim());
    expect(error.body).toBeUndefined();
    expect(error.codes).toEqual([]);
    expect(error.message).toBe(
      `GET ${server.url}/api/v1/platform/infrastructure/runners/x returned 502 Bad Gateway: 502 Bad Gateway.`,
    );
  });

  it('reads HTML labelled as JSON', async () => {
    const server = await startHttpServer((_request, response) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end('<html><body>Internal error</body></html>');
    });
    const client = createEceClient({ baseUrl: server.url, auth });

    const error = (await rejectionOf(client.getRunner('x'))) as EceApiError;
    expect(error).toBeInstanceOf(EceApiError);
    expect(error.status).toBe(500);
    expect(error.bodyText).toBe('<html><body>Internal error</body></html>');
    expect(error.message).toContain('returned 500 Internal Server Error: Internal error.');
  });

  it('reads an empty error body', async () => {
    const server = await startHttpServer((_request, response) => {
      response.writeHead(500, { 'content-length': '0' });
      response.end();
    });
    const client = createEceClient({ baseUrl: server.url, auth });

    const error = (await rejectionOf(client.getRunner('x'))) as EceApiError;
    expect(error.status).toBe(500);
    expect(error.bodyText).toBeUndefined();
    expect(error.message).toContain('returned 500 Internal Server Error: an empty body.');
  });

  it('reads a chunked error body without a length', async () => {
    const server = await startHttpServer((_request, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.write('upstream ');
      setTimeout(() => response.end('failed'), 20);
    });
    const client = createEceClient({ baseUrl: server.url, auth });

    const error = (await rejectionOf(client.getRunner('x'))) as EceApiError;
    expect(error.bodyText).toBe('upstream failed');
  });

  it('cuts a long text body to 2000 characters', async () => {
    const server = await startHttpServer((_request, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('x'.repeat(5000));
    });
    const client = createEceClient({ baseUrl: server.url, auth });

    const error = (await rejectionOf(client.getRunner('x'))) as EceApiError;
    expect(error.bodyText).toHaveLength(2000);
    expect(error.message.length).toBeLessThan(400);
  });

  it('reads a chunked runner without a length', async () => {
    const text = JSON.stringify(healthyRunner());
    const server = await startHttpServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write(text.slice(0, 50));
      setTimeout(() => response.end(text.slice(50)), 20);
    });
    const client = createEceClient({ baseUrl: server.url, auth });

    await expect(client.getRunner('x')).resolves.toEqual(healthyRunner());
  });
});

describe('body size limit', () => {
  it('rejects a declared length over the limit without reading the body', async () => {
    const progress = { written: 0, closed: false };
    const total = 8 * 1024 * 1024;
    const server = await startHttpServer((_request, response) => {
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': String(total),
      });
      streamBytes(response, total, progress);
    });
    const client = createEceClient({ baseUrl: server.url, auth, maxResponseBytes: 1000 });

    const error = (await rejectionOf(client.getRunner('x'))) as EceResponseTooLargeError;
    expect(error).toBeInstanceOf(EceResponseTooLargeError);
    expect(error.maxResponseBytes).toBe(1000);
    expect(error.status).toBe(200);
    expect(error.message).toContain('larger than maxResponseBytes (1000 bytes)');
    await expect.poll(() => progress.closed).toBe(true);
    expect(progress.written).toBeLessThan(total);
    expect(server.requests).toHaveLength(1);
  });

  it('stops reading a chunked body once it passes the limit', async () => {
    const progress = { written: 0, closed: false };
    const total = 32 * 1024 * 1024;
    const server = await startHttpServer((_request, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      streamBytes(response, total, progress);
    });
    const client = createEceClient({ baseUrl: server.url, auth, maxResponseBytes: 100_000 });

    const error = (await rejectionOf(client.getRunner('x'))) as EceResponseTooLargeError;
    expect(error).toBeInstanceOf(EceResponseTooLargeError);
    expect(error.status).toBe(500);
    await expect.poll(() => progress.closed).toBe(true);
    expect(progress.written).toBeLessThan(total);
  });

  it('accepts a body of exactly the limit', async () => {
    const text = JSON.stringify(healthyRunner());
    const server = await startHttpServer((_request, response) =>
      sendJson(response, 200, healthyRunner()),
    );
    const client = createEceClient({
      baseUrl: server.url,
      auth,
      maxResponseBytes: Buffer.byteLength(text),
    });

    await expect(client.getRunner('x')).resolves.toEqual(healthyRunner());
  });
});

describe('redirects', () => {
  it('resolves a relative Location', async () => {
    const server = await startHttpServer((_request, response) => {
      response.writeHead(302, { location: '/login?next=%2F' });
      response.end();
    });
    const client = createEceClient({ baseUrl: server.url, auth });

    const error = (await rejectionOf(client.getRunner('x'))) as EceApiError;
    expect(error.location).toBe(`${server.url}/login?next=%2F`);
    expect(error.message).toBe(
      `GET ${server.url}/api/v1/platform/infrastructure/runners/x returned 302 Found, a redirect to ${server.url}/login?next=%2F. ece-runners does not follow redirects, so that credentials never reach another address. Set baseUrl to the address the API is served from.`,
    );
  });

  it.each([301, 302, 307, 308])('does not follow a %i to another origin', async (status) => {
    const other = await startHttpServer((_request, response) =>
      sendJson(response, 200, healthyRunner()),
    );
    const location = `${other.url}/api/v1/platform/infrastructure/runners/x`;
    const server = await startHttpServer((_request, response) => {
      response.writeHead(status, { location });
      response.end();
    });
    const client = createEceClient({ baseUrl: server.url, auth });

    const error = (await rejectionOf(client.getRunner('x'))) as EceApiError;
    expect(error).toBeInstanceOf(EceApiError);
    expect(error.status).toBe(status);
    expect(error.location).toBe(location);
    expect(error.message).toContain(`to ${location}`);
    expect(error.message).toContain('does not follow redirects');
    expect(other.requests).toHaveLength(0);
    expect(server.requests).toHaveLength(1);
  });
});
