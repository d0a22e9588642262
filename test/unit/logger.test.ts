import { describe, expect, it } from 'vitest';
import { createEceClient } from '../../src/index.js';
import { sendJson, startHttpServer } from '../helpers/local-server.js';
import { createRecordingLogger } from '../helpers/logger.js';
import { healthyRunner } from '../helpers/runners.js';

describe('logger', () => {
  it('logs each attempt and each retry', async () => {
    const server = await startHttpServer((_request, response, index) => {
      if (index === 0) {
        response.writeHead(502);
        response.end();
        return;
      }
      sendJson(response, 200, healthyRunner());
    });
    const logger = createRecordingLogger();
    const client = createEceClient({
      baseUrl: server.url,
      auth: { apiKey: 'key' },
      logger,
      maxRetryDelay: 1,
    });

    await client.getRunner('192.0.2.21');
    const url = `${server.url}/api/v1/platform/infrastructure/runners/192.0.2.21`;
    expect(logger.entries.map((entry) => [entry.level, entry.message])).toEqual([
      ['debug', `Sending GET ${url}`],
      ['debug', `Received 502 for GET ${url}`],
      ['warn', `Retrying GET ${url} in 1 ms after status 502 (retry 1 of 2)`],
      ['debug', `Sending GET ${url}`],
      ['debug', `Received 200 for GET ${url}`],
    ]);
    expect(logger.entries[0]?.fields).toMatchObject({ method: 'GET', url, attempt: 1 });
    expect(logger.entries[2]?.fields).toEqual({
      method: 'GET',
      url,
      attempt: 1,
      maxRetries: 2,
      delayMs: 1,
      reason: 'status 502',
    });
    expect(logger.entries[4]?.fields).toMatchObject({ status: 200, attempt: 2 });
    expect(typeof logger.entries[4]?.fields.durationMs).toBe('number');
  });

  it('is silent by default', async () => {
    const server = await startHttpServer((_request, response) =>
      sendJson(response, 200, healthyRunner()),
    );
    const client = createEceClient({ baseUrl: server.url });

    await expect(client.getRunner('x')).resolves.toBeDefined();
  });
});
