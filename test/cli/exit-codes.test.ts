import type http from 'node:http';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { sendJson, startHttpServer } from '../helpers/local-server.js';
import { failedReply, healthyRunner } from '../helpers/runners.js';
import { assertBuilt, mockCredentials, runBin } from './run-bin.js';

const mockUrl = inject('mockUrl');

beforeAll(() => assertBuilt());

function serve(status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}) {
  return startHttpServer((_request, response) => sendJson(response, status, body, headers));
}

/** Returns the address of a loopback port that nothing listens on. */
async function closedPortUrl(): Promise<string> {
  const server = await startHttpServer(() => {});
  await server.close();

  return server.url;
}

function expectOneErrorLine(stderr: string): void {
  const lines = stderr.trimEnd().split('\n');
  const errorLines = lines.filter((line) => !line.startsWith('ece-runners: warning: '));

  expect(errorLines).toHaveLength(1);
  expect(errorLines[0]).toMatch(/^ece-runners: /);
  expect(stderr).not.toContain('    at ');
}

describe('exit codes', () => {
  it('returns 0 for a runner', async () => {
    const result = await runBin(['--host', mockUrl, 'get', '192.0.2.10'], { env: mockCredentials });

    expect(result.exitCode).toBe(0);
  });

  it('returns 1 when --check fails', async () => {
    const server = await serve(200, healthyRunner({ connected: false }));
    const result = await runBin(['--host', server.url, 'get', '192.0.2.21', '--check'], {
      env: mockCredentials,
    });

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('FAILED: runner 192.0.2.21 is not connected\n');
  });

  it('returns 2 and names the variable when the host is missing', async () => {
    const result = await runBin(['get', '192.0.2.10'], { env: mockCredentials });

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      'ece-runners: no ECE host is set. Pass --host https://ece.example.com:12443 or set EC_HOST.\n',
    );
  });

  it('returns 2 without credentials and sends nothing', async () => {
    const server = await serve(200, healthyRunner());
    const result = await runBin(['--host', server.url, 'get', '192.0.2.21']);

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      'ece-runners: no credentials are set, and the ECE API requires them. Give --api-key or EC_API_KEY, or --user or EC_USER with EC_PASS or --password-stdin.\n',
    );
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    [['--timeout', 'soon', 'get', 'x'], '--timeout "soon" is not a valid duration'],
    [['--timeout', '0s', 'get', 'x'], '--timeout "0s" is not a valid duration'],
    [['--output', 'yaml', 'get', 'x'], "argument 'yaml' is invalid"],
    [['--hots', 'x', 'get', 'x'], "unknown option '--hots'"],
    [['get'], "missing required argument 'runner-id'"],
    [['get', '..'], 'the runner id ".." cannot be sent'],
    [['list'], "unknown command 'list'"],
  ])('returns 2 for %j', async (args, message) => {
    const result = await runBin(['--host', mockUrl, ...args], { env: mockCredentials });

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });

  it('returns 2 without a command', async () => {
    const result = await runBin([]);

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Usage: ece-runners');
  });

  it('returns 3 when the runner is not found', async () => {
    const server = await serve(
      404,
      failedReply('runners.runner_not_found', 'Runner not found: [192.0.2.99]'),
      {
        'x-cloud-error-codes': 'runners.runner_not_found',
      },
    );
    const result = await runBin(['--host', server.url, 'get', '192.0.2.99'], {
      env: mockCredentials,
    });

    expect(result.exitCode).toBe(3);
    expectOneErrorLine(result.stderr);
    expect(result.stderr).toContain('Runner "192.0.2.99" was not found');
  });

  it.each([401, 403])('returns 4 for status %i', async (status) => {
    const server = await serve(status, failedReply('root.unauthenticated', 'Rejected'));
    const result = await runBin(['--host', server.url, 'get', '192.0.2.10'], {
      env: mockCredentials,
    });

    expect(result.exitCode).toBe(4);
    expectOneErrorLine(result.stderr);
    expect(result.stderr).toContain(`returned ${status}`);
    expect(server.requests[0]?.headers.authorization).toMatch(/^Basic /);
  });

  it('names the credential flags for status 401', async () => {
    const server = await serve(401, failedReply('root.unauthenticated', 'Rejected'));
    const result = await runBin(['--host', server.url, 'get', '192.0.2.10'], {
      env: { EC_API_KEY: 'rejected-key' },
    });

    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain(
      'Check the credentials: --api-key or EC_API_KEY, or --user or EC_USER with EC_PASS or --password-stdin.',
    );
    expect(result.stderr).not.toContain('auth option');
  });

  it('returns 5 when the connection is refused', async () => {
    const url = await closedPortUrl();
    const result = await runBin(['--host', url, 'get', '192.0.2.10'], { env: mockCredentials });

    expect(result.exitCode).toBe(5);
    expectOneErrorLine(result.stderr);
    expect(result.stderr).toContain(`Check that the host and port in --host are right`);
  });

  it('returns 5 on a timeout', async () => {
    // The server never responds, so every attempt times out.
    const server = await startHttpServer(() => {});
    const result = await runBin(['--host', server.url, '--timeout', '100ms', 'get', '192.0.2.10'], {
      env: mockCredentials,
    });

    expect(result.exitCode).toBe(5);
    expectOneErrorLine(result.stderr);
    expect(result.stderr).toContain('timed out after 100 ms');
    expect(result.stderr).toContain('Raise --timeout');
  });

  it('returns 6 for a server error', async () => {
    const server = await serve(500, failedReply('root.unexpected', 'Internal failure'));
    const result = await runBin(['--host', server.url, 'get', '192.0.2.10'], {
      env: mockCredentials,
    });

    expect(result.exitCode).toBe(6);
    expectOneErrorLine(result.stderr);
    expect(result.stderr).toContain('root.unexpected: Internal failure');
  });

  it('returns 6 for a body that is not a runner', async () => {
    const server = await serve(200, { runner_id: 7 });
    const result = await runBin(['--host', server.url, 'get', '192.0.2.10'], {
      env: mockCredentials,
    });

    expect(result.exitCode).toBe(6);
    expectOneErrorLine(result.stderr);
    expect(result.stderr).toContain('$.runner_id must be string');
  });

  it('returns 6 for an oversized body', async () => {
    // One byte over the client's default limit of 1 MiB.
    const server = await startHttpServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(Buffer.alloc(1_048_577, 0x20));
    });
    const result = await runBin(['--host', server.url, 'get', '192.0.2.10'], {
      env: mockCredentials,
    });

    expect(result.exitCode).toBe(6);
    expectOneErrorLine(result.stderr);
    expect(result.stderr).toContain(
      'returned status 200 with a response larger than the limit of 1048576 bytes.',
    );
    expect(result.stderr).toContain(
      'the server or a proxy in between sent an unexpectedly large body. Check that --host points at the ECE API.',
    );
    expect(result.stderr).not.toContain('maxResponseBytes');
  });

  it('shows the stack with --verbose', async () => {
    const server = await serve(500, failedReply('root.unexpected', 'Internal failure'));
    const result = await runBin(['--host', server.url, '--verbose', 'get', '192.0.2.10'], {
      env: mockCredentials,
    });

    expect(result.exitCode).toBe(6);
    expect(result.stderr).toContain('EceApiError: GET ');
    expect(result.stderr).toContain('    at ');
  });
});
