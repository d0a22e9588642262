import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEceClient, EceConnectionError } from '../../src/index.js';
import { createTestCertificates, type TestCertificates } from '../helpers/certificates.js';
import { sendJson, startHttpsServer } from '../helpers/local-server.js';
import { createRecordingLogger } from '../helpers/logger.js';
import { healthyRunner } from '../helpers/runners.js';

const auth = { username: 'admin', password: 'secret-value' };
let certificates: TestCertificates;

beforeAll(() => {
  certificates = createTestCertificates();
});

afterAll(() => {
  certificates.remove();
});

function startCaSignedServer() {
  return startHttpsServer((_request, response) => sendJson(response, 200, healthyRunner()), {
    key: certificates.serverKey,
    cert: certificates.serverCert,
  });
}

describe('TLS verification', () => {
  it('rejects an unknown CA with advice and no retry', async () => {
    const server = await startCaSignedServer();
    const client = createEceClient({ baseUrl: server.url, auth, maxRetries: 2 });

    const error = (await client
      .getRunner('x')
      .catch((caught: unknown) => caught)) as EceConnectionError;
    expect(error).toBeInstanceOf(EceConnectionError);
    expect(error.code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(error.attempts).toBe(1);
    expect(error.message).toContain('tls.ca option');
    expect(error.message).toContain('NODE_EXTRA_CA_CERTS');
    expect(server.requests).toHaveLength(0);
  });

  it('rejects a self-signed certificate', async () => {
    const server = await startHttpsServer(
      (_request, response) => sendJson(response, 200, healthyRunner()),
      {
        key: certificates.selfSignedKey,
        cert: certificates.selfSignedCert,
      },
    );
    const client = createEceClient({ baseUrl: server.url, auth });

    const error = (await client
      .getRunner('x')
      .catch((caught: unknown) => caught)) as EceConnectionError;
    expect(error.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(error.message).toContain('did not verify');
  });

  it('trusts the CA given in tls.ca', async () => {
    const server = await startCaSignedServer();
    const client = createEceClient({ baseUrl: server.url, auth, tls: { ca: certificates.caCert } });

    await expect(client.getRunner('x')).resolves.toEqual(healthyRunner());
    expect(server.requests[0]?.headers.authorization).toMatch(/^Basic /);
    await client.close();
  });

  it('trusts a self-signed certificate given in tls.ca', async () => {
    const server = await startHttpsServer(
      (_request, response) => sendJson(response, 200, healthyRunner()),
      {
        key: certificates.selfSignedKey,
        cert: certificates.selfSignedCert,
      },
    );
    const client = createEceClient({
      baseUrl: server.url,
      auth,
      tls: { ca: [Buffer.from(certificates.selfSignedCert)] },
    });

    await expect(client.getRunner('x')).resolves.toEqual(healthyRunner());
    await client.close();
  });

  it('still checks the host name with tls.ca', async () => {
    const server = await startHttpsServer(
      (_request, response) => sendJson(response, 200, healthyRunner()),
      {
        key: certificates.otherHostKey,
        cert: certificates.otherHostCert,
      },
    );
    const client = createEceClient({ baseUrl: server.url, auth, tls: { ca: certificates.caCert } });

    const error = (await client
      .getRunner('x')
      .catch((caught: unknown) => caught)) as EceConnectionError;
    expect(error.code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    await client.close();
  });
});

describe('verification off', () => {
  it('connects and logs one warning', async () => {
    const server = await startCaSignedServer();
    const logger = createRecordingLogger();
    const client = createEceClient({
      baseUrl: server.url,
      auth,
      logger,
      tls: { rejectUnauthorized: false },
    });

    await client.getRunner('x');
    await client.getRunner('x');
    const warnings = logger.entries.filter((entry) => entry.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain('TLS certificate verification is off');
    await client.close();
  });

  it('emits a process warning without a logger', async () => {
    const emitWarning = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const server = await startCaSignedServer();
    const client = createEceClient({
      baseUrl: server.url,
      auth,
      tls: { rejectUnauthorized: false },
    });

    await client.getRunner('x');
    expect(emitWarning).toHaveBeenCalledTimes(1);
    expect(emitWarning.mock.calls[0]?.[1]).toEqual({ code: 'ECE_RUNNERS_TLS_VERIFICATION_OFF' });
    await client.close();
  });
});
