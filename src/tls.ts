import type { FetchFunction, TlsOptions } from './options.js';

/** A fetch function with its own TLS settings, and a way to close its connections. */
export interface TlsFetch {
  fetch: FetchFunction;
  close(): Promise<void>;
}

function toPemInput(certificate: string | Uint8Array): string | Buffer {
  return typeof certificate === 'string' ? certificate : Buffer.from(certificate);
}

/**
 * Creates a fetch function that connects with the given TLS settings, through undici's
 * `fetch` and an `Agent` of the same undici version. Node's global fetch takes no TLS
 * options, and mixing its built-in undici with another version's Agent is not
 * supported. undici is imported on the first request, so clients without `tls` never
 * load it.
 */
export function createTlsFetch(tls: TlsOptions): TlsFetch {
  let agent: import('undici').Agent | undefined;
  let loading: Promise<FetchFunction> | undefined;

  async function load(): Promise<FetchFunction> {
    const undici = await import('undici');
    const connect: Record<string, unknown> = {};
    // Node's TLS layer documents strings and Buffers, so other byte arrays become Buffers.
    if (tls.ca !== undefined)
      connect.ca = Array.isArray(tls.ca) ? tls.ca.map(toPemInput) : toPemInput(tls.ca);
    if (tls.rejectUnauthorized !== undefined) connect.rejectUnauthorized = tls.rejectUnauthorized;
    agent = new undici.Agent({ connect });
    const dispatcher = agent;

    return (input, init) =>
      undici.fetch(input, {
        ...(init as unknown as import('undici').RequestInit),
        dispatcher,
      }) as unknown as Promise<Response>;
  }

  return {
    fetch: async (input, init) => {
      loading ??= load();
      const fetchWithAgent = await loading;

      return fetchWithAgent(input, init);
    },
    close: async () => {
      await agent?.close();
    },
  };
}
