/**
 * The ways of fetching the fixture runner that the per-call benchmark compares. Each one
 * sends the same two headers, reads the whole body and parses it as JSON.
 */
import createClient from 'openapi-fetch';
import { request } from 'undici';
import { createEceClient, type paths } from '../src/index.js';
import { benchRunnerId } from './fixture.js';
import { runnerPath } from './server.js';

/** One way of fetching the runner. `call` resolves to the parsed runner. */
export interface Contender {
  name: string;
  call(): Promise<unknown>;
}

export const benchApiKey = 'bench-api-key';
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

function eceGetRunner(origin: string, validateResponses: boolean): Contender {
  const client = createEceClient({
    baseUrl: origin,
    auth: { apiKey: benchApiKey },
    validateResponses,
  });

  return {
    name: validateResponses ? 'getRunner, validated' : 'getRunner, not validated',
    call: () => client.getRunner(benchRunnerId),
  };
}

/** Creates every contender for a server at `origin`. Raw fetch comes first: the reference. */
export function createContenders(origin: string): Contender[] {
  const url = `${origin}${runnerPath}`;

  return [
    rawFetch(url),
    undiciRequest(url),
    openapiFetchAlone(origin),
    eceGetRunner(origin, true),
    eceGetRunner(origin, false),
  ];
}
