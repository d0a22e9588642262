import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createEceClient, type EceClientOptions } from '../../src/index.js';
import { startHttpServer } from '../helpers/local-server.js';
import { createRecordingLogger } from '../helpers/logger.js';

const password = 'Pa55-word-9f3a';
const apiKey = 'c2VjcmV0LWFwaS1rZXktN2Q0';
const basicToken = Buffer.from(`admin:${password}`).toString('base64');
const secrets = [password, apiKey, basicToken];

/** Renders an error in every form a secret could leak into: message, stack, JSON and inspect. */
function renderings(error: unknown): string[] {
  const texts = [inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error)];
  if (error instanceof Error) texts.push(error.message, error.stack ?? '', String(error));

  return texts;
}

function expectNoSecret(texts: string[]) {
  for (const text of texts) {
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
    }
  }
}

const failures: Array<
  [
    string,
    (url: string) => Partial<EceClientOptions>,
    (response: import('node:http').ServerResponse) => void,
  ]
> = [
  [
    '404',
    () => ({}),
    (response) => {
      response.writeHead(404);
      response.end();
    },
  ],
  [
    '503 after retries',
    () => ({ maxRetryDelay: 1 }),
    (response) => {
      response.writeHead(503);
      response.end();
    },
  ],
  [
    'redirect',
    () => ({}),
    (response) => {
      response.writeHead(302, { location: 'https://other.example.com/' });
      response.end();
    },
  ],
  [
    'invalid runner',
    () => ({}),
    (response) => {
      response.writeHead(200);
      response.end('{"runner_id":1}');
    },
  ],
  ['timeout', () => ({ timeout: 50, maxRetries: 0 }), () => {}],
  [
    'reset',
    () => ({ maxRetries: 0 }),
    (response) => {
      response.socket?.destroy();
    },
  ],
];

describe('secrets', () => {
  for (const auth of [{ username: 'admin', password }, { apiKey }]) {
    const scheme = 'apiKey' in auth ? 'API key' : 'password';

    it.each(failures)(`keeps the ${scheme} out of a %s error`, async (_name, options, handler) => {
      const server = await startHttpServer((_request, response) => handler(response));
      const logger = createRecordingLogger();
      const client = createEceClient({ baseUrl: server.url, auth, logger, ...options(server.url) });

      const error = await client.getRunner('x').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Error);
      expectNoSecret(renderings(error));
      expectNoSecret(logger.entries.map((entry) => JSON.stringify(entry)));
      expect(server.requests[0]?.headers.authorization).toBeDefined();
    });
  }

  it('keeps credentials out of the client object', () => {
    const client = createEceClient({
      baseUrl: 'https://ece.example.com',
      auth: { username: 'admin', password },
    });
    expectNoSecret([inspect(client, { depth: 10, showHidden: true })]);
  });

  it('redacts credential headers in debug logs', async () => {
    const server = await startHttpServer((_request, response) => {
      response.writeHead(404);
      response.end();
    });
    const logger = createRecordingLogger();
    const client = createEceClient({
      baseUrl: server.url,
      auth: { apiKey },
      logger,
      headers: { cookie: 'session=abc' },
    });

    await client.getRunner('x').catch(() => {});
    const sending = logger.entries.find((entry) => entry.message.startsWith('Sending GET'));
    expect(sending?.fields.headers).toMatchObject({
      authorization: '[REDACTED]',
      cookie: '[REDACTED]',
    });
  });
});
