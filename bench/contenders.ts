/**
 * The ways of fetching the fixture runner that the per-call benchmark compares. Each one
 * sends Accept and Authorization (getRunner adds its User-Agent), reads the whole body
 * and parses it as JSON.
 */
import createClient from 'openapi-fetch';
import { request } from 'undici';
import type { createEceClient, paths } from '../src/index.js';
import { benchRunnerId } from './fixture.js';
import { runnerPath } from './server.js';

/** One way of fetching the runner. `call` resolves to the parsed runner. */
export interface Contender {
  name: string;
  call(): Promise<unknown>;
}

export const benchApiKey = 'bench-api-key';

/** Names of the contenders, in the order of `createContenders`. Raw fetch is the reference. */
export const contenderNames = [
  'raw fetch',
  'raw fetch + timeout signal',
  'undici.request',
  'openapi-fetch alone',
  'getRunner, validated',
  'getRunner, not validated',
] as const;
const headers = { accept: 'application/json', authorization: `ApiKey ${benchApiKey}` };

function rawFetch(url: string): Contender {
  return {
    name: 'raw fetch',
    call: async () => {
      const response = await fetch(url, { headers });
      if (!response.ok) throw new Error(`raw fetch returned status ${response.status}`);

      return response.json();
    },
  };
}

/**
 * Raw fetch with what the client's transport needs for its per-attempt timeout: an
 * AbortController whose signal goes to fetch, and a timer that aborts it. This is the
 * floor for any client that can time out a request before the response headers arrive.
 */
function rawFetchWithTimeout(url: string): Contender {
  return {
    name: 'raw fetch + timeout signal',
    call: async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 30_000);
      try {
        const response = await fetch(url, { headers, signal: controller.signal });
        if (!response.ok) throw new Error(`raw fetch returned status ${response.status}`);

        return await response.json();
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

function undiciRequest(url: string): Contender {
  return {
    name: 'undici.request',
    call: async () => {
      const { statusCode, body } = await request(url, { headers });
      if (statusCode !== 200) throw new Error(`undici.request returned status ${statusCode}`);

      return body.json();
    },
  };
}

function openapiFetchAlone(origin: string): Contender {
  const client = createClient<paths>({ baseUrl: `${origin}/api/v1`, headers });

  return {
    name: 'openapi-fetch alone',
    call: async () => {
      const { data, error } = await client.GET('/platform/infrastructure/runners/{runner_id}', {
        params: { path: { runner_id: benchRunnerId } },
      });
      if (error !== undefined) throw new Error('openapi-fetch returned an error body');

      return data;
    },
  };
}

function eceGetRunner(
  createClientOfLibrary: typeof createEceClient,
  origin: string,
  validateResponses: boolean,
): Contender {
  const client = createClientOfLibrary({
    baseUrl: origin,
    auth: { apiKey: benchApiKey },
    validateResponses,
  });

  return {
    name: validateResponses ? 'getRunner, validated' : 'getRunner, not validated',
    call: () => client.getRunner(benchRunnerId),
  };
}

/**
 * Creates every contender for a server at `origin`, with the given build of
 * `createEceClient`. Raw fetch comes first because it is the reference.
 */
export function createContenders(
  origin: string,
  createClientOfLibrary: typeof createEceClient,
): Contender[] {
  const url = `${origin}${runnerPath}`;

  return [
    rawFetch(url),
    rawFetchWithTimeout(url),
    undiciRequest(url),
    openapiFetchAlone(origin),
    eceGetRunner(createClientOfLibrary, origin, true),
    eceGetRunner(createClientOfLibrary, origin, false),
  ];
}
