/**
 * First run: starts the Prism mock of the spec and runs the `ece-runners` command
 * in-process against it: a healthy runner as text, an unhealthy one with `--check`, and a
 * missing one. Then it stops the mock.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CliIo, runCli } from '../src/cli/run.js';
import { startMockServer } from './mock-server.js';

/**
 * Starts a loopback proxy that adds a `Prefer` header to every request. Prism picks the
 * response by that header, and the command sends none, so the unhealthy and the
 * not-found examples are served through such a proxy.
 */
async function startPreferProxy(
  target: string,
  prefer: string,
): Promise<http.Server & { url: string }> {
  const targetUrl = new URL(target);
  const server = http.createServer((request, response) => {
    const upstream = http.request(
      {
        host: targetUrl.hostname,
        port: targetUrl.port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, prefer },
      },
      (mockResponse) => {
        response.writeHead(mockResponse.statusCode ?? 502, mockResponse.headers);
        mockResponse.pipe(response);
      },
    );
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return Object.assign(server, { url: `http://127.0.0.1:${port}` });
}

function closeServer(server: http.Server): Promise<void> {
  server.closeAllConnections();

  return new Promise((resolve) => server.close(() => resolve()));
}

const io: CliIo = {
  stdout: process.stdout,
  stderr: process.stdout,
  stdin: process.stdin,
  // The mock accepts any credentials, as long as there are some.
  env: { EC_USER: 'admin', EC_PASS: 'mock-password' },
  stdoutIsTTY: process.stdout.isTTY === true,
};

async function run(host: string, args: string[]): Promise<void> {
  process.stdout.write(`$ ece-runners ${args.join(' ')}\n`);
  const exitCode = await runCli(['--host', host, ...args], io);
  process.stdout.write(`(exit code ${exitCode})\n\n`);
}

const mock = await startMockServer();
const unhealthy = await startPreferProxy(mock.url, 'example=unhealthy-disconnected');
const notFound = await startPreferProxy(mock.url, 'code=404');
try {
  process.stdout.write(
    `Started a mock ECE API at ${mock.url}/api/v1. Each command below gets --host and reads\nEC_USER and EC_PASS.\n\n`,
  );
  await run(mock.url, ['get', '192.0.2.10']);
  process.stdout.write(
    `The next two go through a proxy at ${unhealthy.url} and ${notFound.url} that asks Prism\nfor the unhealthy example and for the 404 response.\n\n`,
  );
  await run(unhealthy.url, ['get', '192.0.2.12', '--check']);
  await run(notFound.url, ['get', '192.0.2.99']);
} finally {
  await closeServer(unhealthy);
  await closeServer(notFound);
  await mock.close();
}
