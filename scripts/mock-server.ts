/**
 * Starts a Prism mock of `openapi/` on a free loopback port, behind a small proxy that
 * serves it under `/api/v1` as ECE does. Prism matches paths as the spec writes them and
 * ignores the path of `servers`, so the proxy strips `/api/v1` and the region prefix
 * `/api/v1/regions/{region}` before it forwards a request.
 *
 * Used by `npm start`, `npm run mock` and the contract tests' global setup.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface MockServer {
  /** Address of the mock ECE API, such as `http://127.0.0.1:40123`, without `/api/v1`. */
  url: string;
  /** Address of Prism itself, which serves the spec's paths without `/api/v1`. */
  prismUrl: string;
  /** Everything Prism printed, for diagnosing a failed test. */
  log(): string;
  /** Stops the proxy and Prism and waits until Prism has exited. */
  close(): Promise<void>;
}

export interface MockServerOptions {
  /** The spec to serve. Default: openapi/openapi.yaml. */
  specPath?: string;
  /** Port of the proxy. Default: 0, a free port. */
  port?: number;
  /** How long to wait for Prism to start, in milliseconds. Default: 60000. */
  startTimeout?: number;
}

const defaultSpecPath = fileURLToPath(new URL('../openapi/openapi.yaml', import.meta.url));
const prismCli = createRequire(import.meta.url).resolve('@stoplight/prism-cli/dist/index.js');
const apiPrefix = /^\/api\/v1(?:\/regions\/[^/]+)?(?=\/)/;
const runnerPath = /^\/platform\/infrastructure\/runners\/([^/?]+)$/;

/**
 * Prism picks an example or a status by the `Prefer` header. The mock sets that header for
 * these runner ids, so that a client without it, such as the CLI, reaches every example
 * of the spec. Every other id gets the first example, `healthy-allocator`.
 */
export const exampleRunnerIds = {
  unhealthy: '192.0.2.12',
  missing: '192.0.2.99',
} as const;

const preferByRunnerId: Record<string, string> = {
  [exampleRunnerIds.unhealthy]: 'example=unhealthy-disconnected',
  [exampleRunnerIds.missing]: 'code=404',
};

/** Returns the `Prefer` header for a request path, unless the client sent its own. */
function preferFor(path: string, headers: http.IncomingHttpHeaders): string | undefined {
  if (typeof headers.prefer === 'string') return headers.prefer;

  const encodedId = runnerPath.exec(path)?.[1];
  if (encodedId === undefined) return undefined;
  try {
    return preferByRunnerId[decodeURIComponent(encodedId)];
  } catch {
    // A malformed percent-encoding is left for Prism to reject.
    return undefined;
  }
}

/** Starts Prism with `--errors`, so that any request or response that breaks the spec fails. */
function spawnPrism(specPath: string): ChildProcess {
  return spawn(
    process.execPath,
    [prismCli, 'mock', '--host', '127.0.0.1', '--port', '0', '--errors', specPath],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    },
  );
}

function waitForPrism(prism: ChildProcess, output: string[], timeout: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`Prism did not start within ${timeout} ms:\n${output.join('')}`)),
      timeout,
    );
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = /Prism is listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output.join(''));
      if (match?.[1]) finish(match[1]);
    };
    const onExit = (code: number | null) =>
      fail(new Error(`Prism exited with code ${code} before it started:\n${output.join('')}`));
    function cleanUp() {
      clearTimeout(timer);
      prism.off('exit', onExit);
    }
    function finish(url: string) {
      cleanUp();
      resolve(url);
    }
    function fail(error: Error) {
      cleanUp();
      reject(error);
    }

    prism.stdout?.on('data', onData);
    prism.stderr?.on('data', onData);
    prism.once('exit', onExit);
  });
}

function sendProblem(response: http.ServerResponse, status: number, title: string): void {
  const body = JSON.stringify({ title, status });
  response.writeHead(status, {
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

/** Forwards a request to Prism with the `/api/v1` prefix removed. */
function createProxy(prismUrl: URL): http.Server {
  return http.createServer((request, response) => {
    const path = request.url ?? '/';
    if (!apiPrefix.test(path)) {
      sendProblem(response, 404, `The mock serves the ECE API under /api/v1, not at ${path}.`);
      return;
    }

    const specPath = path.replace(apiPrefix, '');
    const prefer = preferFor(specPath, request.headers);
    const upstream = http.request(
      {
        host: prismUrl.hostname,
        port: prismUrl.port,
        method: request.method,
        path: specPath,
        headers: prefer === undefined ? request.headers : { ...request.headers, prefer },
      },
      (prismResponse) => {
        response.writeHead(prismResponse.statusCode ?? 502, prismResponse.headers);
        prismResponse.pipe(response);
      },
    );
    upstream.on('error', (error) =>
      sendProblem(response, 502, `Prism did not respond: ${error.message}`),
    );
    request.pipe(upstream);
  });
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function stopPrism(prism: ChildProcess): Promise<void> {
  if (prism.exitCode !== null || prism.signalCode !== null) return Promise.resolve();

  return new Promise((resolve) => {
    prism.once('exit', () => resolve());
    prism.kill('SIGTERM');
  });
}

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const output: string[] = [];
  const prism = spawnPrism(options.specPath ?? defaultSpecPath);
  // A Prism that outlives its parent would keep the port and the terminal busy.
  const killPrism = () => prism.kill('SIGKILL');
  process.once('exit', killPrism);

  let prismUrl: string;
  try {
    prismUrl = await waitForPrism(prism, output, options.startTimeout ?? 60_000);
  } catch (error) {
    await stopPrism(prism);
    process.off('exit', killPrism);
    throw error;
  }

  const proxy = createProxy(new URL(prismUrl));
  const port = await listen(proxy, options.port ?? 0);

  return {
    url: `http://127.0.0.1:${port}`,
    prismUrl,
    log: () => output.join(''),
    close: async () => {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await stopPrism(prism);
      process.off('exit', killPrism);
    },
  };
}
