import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCertificates, type TestCertificates } from '../helpers/certificates.js';
import { sendJson, startHttpServer, startHttpsServer } from '../helpers/local-server.js';
import { healthyRunner } from '../helpers/runners.js';
import { assertBuilt, runBin } from './run-bin.js';

const apiKey = 'flag-api-key-Zq81';
const envApiKey = 'env-api-key-Wx42';
const password = 'pa55-word-Kp19';
const basicToken = (user: string, pass: string) =>
  `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

let certificates: TestCertificates;

beforeAll(() => {
  assertBuilt();
  certificates = createTestCertificates();
});

afterAll(() => certificates.remove());

function serveRunner() {
  return startHttpServer((_request, response) => sendJson(response, 200, healthyRunner()));
}

function serveRunnerOverTls(tls: { key: string; cert: string }) {
  return startHttpsServer((_request, response) => sendJson(response, 200, healthyRunner()), tls);
}

describe('flag and environment precedence', () => {
  it('uses --host over EC_HOST', async () => {
    const flagServer = await serveRunner();
    const envServer = await serveRunner();
    const result = await runBin(['--host', flagServer.url, 'get', '192.0.2.21'], {
      env: { EC_HOST: envServer.url, EC_API_KEY: envApiKey },
    });

    expect(result.exitCode).toBe(0);
    expect(flagServer.requests).toHaveLength(1);
    expect(envServer.requests).toHaveLength(0);
  });

  it('uses EC_HOST without --host', async () => {
    const server = await serveRunner();
    const result = await runBin(['get', '192.0.2.21'], {
      env: { EC_HOST: server.url, EC_API_KEY: envApiKey },
    });

    expect(result.exitCode).toBe(0);
    expect(server.requests).toHaveLength(1);
  });

  it('trims whitespace around EC_HOST', async () => {
    const server = await serveRunner();
    const result = await runBin(['get', '192.0.2.21'], {
      env: { EC_HOST: ` ${server.url}\n`, EC_API_KEY: envApiKey },
    });

    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(server.requests).toHaveLength(1);
  });

  it('uses EC_HOST when --host is empty', async () => {
    const server = await serveRunner();
    const result = await runBin(['--host', '', 'get', '192.0.2.21'], {
      env: { EC_HOST: server.url, EC_API_KEY: envApiKey },
    });

    expect(result.exitCode).toBe(0);
    expect(server.requests).toHaveLength(1);
  });

  it('uses --api-key over EC_API_KEY and warns', async () => {
    const server = await serveRunner();
    const result = await runBin(['--host', server.url, '--api-key', apiKey, 'get', '192.0.2.21'], {
      env: { EC_API_KEY: envApiKey },
    });

    expect(result.exitCode).toBe(0);
    expect(server.requests[0]?.headers.authorization).toBe(`ApiKey ${apiKey}`);
    expect(result.stderr).toContain('warning: --api-key puts the key where other users');
  });

  it('uses EC_API_KEY without a warning', async () => {
    const server = await serveRunner();
    const result = await runBin(['--host', server.url, 'get', '192.0.2.21'], {
      env: { EC_API_KEY: envApiKey },
    });

    expect(server.requests[0]?.headers.authorization).toBe(`ApiKey ${envApiKey}`);
    expect(result.stderr).toBe('');
  });

  it('uses --user over EC_USER with EC_PASS', async () => {
    const server = await serveRunner();
    await runBin(['--host', server.url, '--user', 'flag-user', 'get', '192.0.2.21'], {
      env: { EC_USER: 'env-user', EC_PASS: password },
    });

    expect(server.requests[0]?.headers.authorization).toBe(basicToken('flag-user', password));
  });

  it('prefers flag credentials over the other kind in the environment', async () => {
    const server = await serveRunner();
    const result = await runBin(['--host', server.url, '--user', 'admin', 'get', '192.0.2.21'], {
      env: { EC_API_KEY: envApiKey, EC_PASS: password },
    });

    expect(result.exitCode).toBe(0);
    expect(server.requests[0]?.headers.authorization).toBe(basicToken('admin', password));
  });

  it('reads the password with --password-stdin', async () => {
    const server = await serveRunner();
    const result = await runBin(
      ['--host', server.url, '--user', 'admin', '--password-stdin', 'get', '192.0.2.21'],
      { env: { EC_PASS: 'not-this-one' }, stdin: `${password}\n` },
    );

    expect(result.exitCode).toBe(0);
    expect(server.requests[0]?.headers.authorization).toBe(basicToken('admin', password));
  });

  it('warns about --pass', async () => {
    const server = await serveRunner();
    const result = await runBin([
      '--host',
      server.url,
      '--user',
      'admin',
      '--pass',
      password,
      'get',
      '192.0.2.21',
    ]);

    expect(result.exitCode).toBe(0);
    expect(server.requests[0]?.headers.authorization).toBe(basicToken('admin', password));
    expect(result.stderr).toContain('warning: --pass puts the password where other users');
  });
});

describe('credential errors', () => {
  it.each([
    [['--api-key', apiKey, '--user', 'admin'], {}, '--api-key cannot be combined with --user'],
    [
      [],
      { EC_API_KEY: envApiKey, EC_USER: 'admin' },
      'EC_API_KEY and EC_USER are both set, which mixes an API key with a user name or password. Unset EC_API_KEY or EC_USER, or choose one kind with --api-key or --user.',
    ],
    [
      [],
      { EC_API_KEY: envApiKey, EC_PASS: password },
      'EC_API_KEY and EC_PASS are both set, which mixes an API key with a user name or password. Unset EC_API_KEY or EC_PASS, or choose',
    ],
    [
      [],
      { EC_API_KEY: envApiKey, EC_USER: 'admin', EC_PASS: password },
      'EC_API_KEY, EC_USER and EC_PASS are all set, which mixes an API key with a user name or password. Unset EC_API_KEY or EC_USER and EC_PASS, or choose',
    ],
    [[], {}, 'no credentials are set, and the ECE API requires them.'],
    [['--password-stdin'], {}, '--password-stdin read an empty password'],
    [['--user', 'admin'], {}, 'no password is set for user "admin"'],
    [[], { EC_PASS: password }, 'a password is set but no user name'],
    [['--user', 'admin', '--password-stdin'], {}, '--password-stdin read an empty password'],
    [['--pass', password, '--password-stdin', '--user', 'a'], {}, 'cannot be combined'],
  ])('returns 2 for %j with %j', async (args, env, message) => {
    const server = await serveRunner();
    const result = await runBin(['--host', server.url, ...args, 'get', '192.0.2.21'], { env });

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(message);
    expect(server.requests).toHaveLength(0);
  });

  it('rejects credentials over http to a host that is not loopback', async () => {
    const result = await runBin(['--host', 'http://ece.example.com:12400', 'get', '192.0.2.21'], {
      env: { EC_API_KEY: envApiKey },
    });

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--host http://ece.example.com:12400 uses plain HTTP');
    expect(result.stderr).toContain('pass --allow-insecure-http');
  });

  it('rejects credentials in the host URL', async () => {
    const result = await runBin(['--host', 'https://admin:secret-Qb7@127.0.0.1:1', 'get', 'x'], {
      env: { EC_API_KEY: envApiKey },
    });

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      'ece-runners: --host for https://127.0.0.1:1 contains credentials. Remove them from the URL and pass them as --api-key or EC_API_KEY, or --user or EC_USER with EC_PASS or --password-stdin.\n',
    );
  });

  it.each([
    [['--host', ''], {}],
    [['--host', '  '], {}],
    [[], { EC_HOST: ' ' }],
  ])('reports no host for %j with %j', async (args, env) => {
    const result = await runBin([...args, 'get', '192.0.2.21'], {
      env: { EC_API_KEY: envApiKey, ...env },
    });

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      'ece-runners: no ECE host is set. Pass --host https://ece.example.com:12443 or set EC_HOST.\n',
    );
  });

  it.each([
    [
      'ece.example.com:12443',
      'has no scheme. Give the full address, such as https://ece.example.com:12443.',
    ],
    [' 127.0.0.1:12443 ', 'has no scheme. Give the full address, such as https://127.0.0.1:12443.'],
    [
      'https:ece.example.com',
      'is not a valid URL. Give the full address, such as https://ece.example.com.',
    ],
    [
      'https:/ece.example.com',
      'is not a valid URL. Give the full address, such as https://ece.example.com.',
    ],
    [
      '//ece.example.com',
      'is not a valid URL. Give the full address, such as https://ece.example.com.',
    ],
    ['https:', 'is not a valid URL. Give the full address, such as https://ece.example.com:12443.'],
  ])('suggests a full address for --host %j', async (host, message) => {
    const result = await runBin(['--host', host, 'get', '192.0.2.21'], {
      env: { EC_API_KEY: envApiKey },
    });

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(`ece-runners: --host ${JSON.stringify(host.trim())} ${message}\n`);
  });

  it('names EC_HOST when it has no scheme', async () => {
    const result = await runBin(['get', '192.0.2.21'], {
      env: { EC_HOST: 'ece.example.com:12443', EC_API_KEY: envApiKey },
    });

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('EC_HOST "ece.example.com:12443" has no scheme');
  });
});

describe('TLS', () => {
  it('trusts the CA of --ca', async () => {
    const server = await serveRunnerOverTls({
      key: certificates.serverKey,
      cert: certificates.serverCert,
    });
    const result = await runBin(
      ['--host', server.url, '--ca', certificates.caPath, 'get', '192.0.2.21'],
      {
        env: { EC_API_KEY: envApiKey },
      },
    );

    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
  });

  it('returns 5 without --ca and points to it', async () => {
    const server = await serveRunnerOverTls({
      key: certificates.serverKey,
      cert: certificates.serverCert,
    });
    const result = await runBin(['--host', server.url, 'get', '192.0.2.21'], {
      env: { EC_API_KEY: envApiKey },
    });

    expect(result.exitCode).toBe(5);
    expect(result.stderr).toContain('trust its CA with --ca <file>');
  });

  it('accepts any certificate with --insecure and warns once', async () => {
    const server = await serveRunnerOverTls({
      key: certificates.selfSignedKey,
      cert: certificates.selfSignedCert,
    });
    const result = await runBin(['--host', server.url, '--insecure', 'get', '192.0.2.21'], {
      env: { EC_API_KEY: envApiKey },
    });

    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe(
      'ece-runners: warning: --insecure turns off TLS certificate verification, so anyone on the network path can read the credentials. Pass --ca <file> with the CA certificate of ECE instead.\n',
    );
  });

  it('returns 2 for a missing --ca file and names it', async () => {
    const path = `${certificates.caPath}.missing`;
    const result = await runBin(['--host', 'https://127.0.0.1:1', '--ca', path, 'get', 'x'], {
      env: { EC_API_KEY: envApiKey },
    });

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      `ece-runners: the CA file "${path}" of --ca was not found. Pass the path of a PEM file that contains the CA certificate of ECE.\n`,
    );
  });

  it('returns 2 for a --ca path through a file', async () => {
    const path = `${certificates.caPath}/ca.pem`;
    const result = await runBin(['--host', 'https://127.0.0.1:1', '--ca', path, 'get', 'x'], {
      env: { EC_API_KEY: envApiKey },
    });

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      `ece-runners: the CA file "${path}" of --ca was not found, because a part of the path is not a directory. Pass the path of a PEM file that contains the CA certificate of ECE.\n`,
    );
  });

  it('returns 2 for a --ca directory', async () => {
    const path = tmpdir();
    const result = await runBin(['--host', 'https://127.0.0.1:1', '--ca', path, 'get', 'x'], {
      env: { EC_API_KEY: envApiKey },
    });

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      `ece-runners: the CA file "${path}" of --ca is a directory. Pass the path of a PEM file inside it, not the directory.\n`,
    );
  });

  // Root reads files whatever their mode, so only another user can see this failure. The
  // message for it is also unit-tested through describeCaReadError.
  it.skipIf(process.getuid?.() === 0)('returns 2 for an unreadable --ca file', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'ece-runners-ca-'));
    try {
      chmodSync(directory, 0o755);
      const path = join(directory, 'ca.pem');
      writeFileSync(path, certificates.caCert, { mode: 0o000 });
      const result = await runBin(['--host', 'https://127.0.0.1:1', '--ca', path, 'get', 'x'], {
        env: { EC_API_KEY: envApiKey },
      });

      expect(result.exitCode).toBe(2);
      expect(result.stderr).toBe(
        `ece-runners: the CA file "${path}" of --ca cannot be read: permission denied. Make the file readable for this user, or pass a readable copy.\n`,
      );
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('secrets with --verbose', () => {
  it.each([
    ['API key', ['--api-key', apiKey], {}, ''],
    ['password from stdin', ['--user', 'admin', '--password-stdin'], {}, password],
    ['password from EC_PASS', [], { EC_USER: 'admin', EC_PASS: password }, ''],
  ])('never prints the %s', async (_name, args, env, stdin) => {
    const okServer = await serveRunner();
    const failingServer = await startHttpServer((_request, response) =>
      sendJson(response, 401, { errors: [{ code: 'root.unauthenticated', message: 'no' }] }),
    );
    const secrets = [apiKey, password, Buffer.from(`admin:${password}`).toString('base64')];

    for (const url of [okServer.url, failingServer.url]) {
      const result = await runBin(['--host', url, '--verbose', ...args, 'get', '192.0.2.21'], {
        env,
        stdin,
      });
      expect(result.stderr).toContain('debug: Sending GET');
      for (const secret of secrets) {
        expect(result.stdout).not.toContain(secret);
        expect(result.stderr).not.toContain(secret);
      }
    }
  });
});
