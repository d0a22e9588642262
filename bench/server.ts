/**
 * The HTTP server that the benchmark measures against: node:http on 127.0.0.1 and a free
 * port, with keep-alive, returning the fixture runner for its id and a 404 otherwise.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { benchRunner, benchRunnerId } from './fixture.js';

export interface BenchServer {
  /** Base address, such as `http://127.0.0.1:40123`, without the `/api/v1` prefix. */
  origin: string;
  /** Full address of the fixture runner. */
  runnerUrl: string;
  /** Size of the runner body, in bytes. */
  bodyBytes: number;
  close(): Promise<void>;
}

export const runnerPath = `/api/v1/platform/infrastructure/runners/${benchRunnerId}`;

/** Starts the server. Idle connections stay open for 60 s, so every call can reuse one. */
export function startBenchServer(): Promise<BenchServer> {
  const body = Buffer.from(JSON.stringify(benchRunner()));
  const sockets = new Set<Socket>();
  const server = http.createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
    const status = request.url === runnerPath ? 200 : 404;
    const payload = status === 200 ? body : Buffer.from('{"errors":[]}');
    response.writeHead(status, {
      'content-type': 'application/json',
      'content-length': payload.byteLength,
    });
    response.end(payload);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      const origin = `http://127.0.0.1:${port}`;
      resolve({
        origin,
        runnerUrl: `${origin}${runnerPath}`,
        bodyBytes: body.byteLength,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
