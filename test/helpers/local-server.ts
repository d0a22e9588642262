/**
 * Local HTTP and HTTPS servers on 127.0.0.1 and a free port, whose handlers write exactly
 * the bytes a test case needs. Each server records the requests it received.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach } from 'vitest';

export interface RecordedRequest {
  method: string;
  /** The request target exactly as sent, such as `/api/v1/platform/...%2F...`. */
  rawUrl: string;
  headers: http.IncomingHttpHeaders;
}

export type Handler = (
  request: http.IncomingMessage,
  response: http.ServerResponse,
  index: number,
) => void;

export interface LocalServer {
  /** Base address, such as `http://127.0.0.1:40123`. */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const openServers = new Set<LocalServer>();

afterEach(async () => {
  await Promise.all([...openServers].map((server) => server.close()));
});

function listen(
  server: http.Server | https.Server,
  protocol: 'http' | 'https',
  requests: RecordedRequest[],
) {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  return new Promise<LocalServer>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      const local: LocalServer = {
        url: `${protocol}://127.0.0.1:${port}`,
        requests,
        close: () =>
          new Promise<void>((done) => {
            openServers.delete(local);
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      };
      openServers.add(local);
      resolve(local);
    });
  });
}

function recordingListener(handler: Handler, requests: RecordedRequest[]) {
  return (request: http.IncomingMessage, response: http.ServerResponse) => {
    requests.push({
      method: request.method ?? '',
      rawUrl: request.url ?? '',
      headers: request.headers,
    });
    handler(request, response, requests.length - 1);
  };
}

/** Starts an HTTP server on 127.0.0.1; it is closed after the test. */
export function startHttpServer(handler: Handler): Promise<LocalServer> {
  const requests: RecordedRequest[] = [];

  return listen(http.createServer(recordingListener(handler, requests)), 'http', requests);
}

/** Starts an HTTPS server on 127.0.0.1 with the given key and certificate. */
export function startHttpsServer(
  handler: Handler,
  tls: { key: string; cert: string },
): Promise<LocalServer> {
  const requests: RecordedRequest[] = [];

  return listen(https.createServer(tls, recordingListener(handler, requests)), 'https', requests);
}

/** Sends a JSON body with an exact Content-Length. */
export function sendJson(
  response: http.ServerResponse,
  status: number,
  body: unknown,
  headers: http.OutgoingHttpHeaders = {},
) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}
