/**
 * A test CA and a server certificate for 127.0.0.1 that it signed, made with the openssl
 * command line on each test run, so that no private key is kept in the repository.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificates {
  /** PEM of the test CA, to pass as `tls.ca`. */
  caCert: string;
  /** Path of the CA PEM file, for the CLI's `--ca`. */
  caPath: string;
  serverKey: string;
  serverCert: string;
  /** A certificate that the test CA signed for ece.example.com, not for 127.0.0.1. */
  otherHostKey: string;
  otherHostCert: string;
  /** A self-signed certificate for 127.0.0.1 that no CA vouches for. */
  selfSignedKey: string;
  selfSignedCert: string;
  remove(): void;
}

function openssl(directory: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: directory, stdio: 'pipe' });
}

export function createTestCertificates(): TestCertificates {
  const directory = mkdtempSync(join(tmpdir(), 'ece-runners-certs-'));
  const subjectAltName = 'subjectAltName=IP:127.0.0.1,DNS:localhost';
  writeFileSync(join(directory, 'server.ext'), `${subjectAltName}\n`);
  writeFileSync(join(directory, 'other.ext'), 'subjectAltName=DNS:ece.example.com\n');

  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const validity = ['-days', '2'];
  openssl(directory, [
    'req',
    '-x509',
    ...newKey,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    ...validity,
    '-subj',
    '/CN=ece-runners test CA',
  ]);
  openssl(directory, [
    'req',
    ...newKey,
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
    '-subj',
    '/CN=127.0.0.1',
  ]);
  openssl(directory, [
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    ...validity,
    '-extfile',
    'server.ext',
  ]);
  openssl(directory, [
    'req',
    '-x509',
    ...newKey,
    '-keyout',
    'self.key',
    '-out',
    'self.pem',
    ...validity,
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    subjectAltName,
  ]);

  openssl(directory, [
    'req',
    ...newKey,
    '-keyout',
    'other.key',
    '-out',
    'other.csr',
    '-subj',
    '/CN=ece.example.com',
  ]);
  openssl(directory, [
    'x509',
    '-req',
    '-in',
    'other.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'other.pem',
    ...validity,
    '-extfile',
    'other.ext',
  ]);

  const read = (name: string) => readFileSync(join(directory, name), 'utf8');

  return {
    caCert: read('ca.pem'),
    caPath: join(directory, 'ca.pem'),
    serverKey: read('server.key'),
    serverCert: read('server.pem'),
    otherHostKey: read('other.key'),
    otherHostCert: read('other.pem'),
    selfSignedKey: read('self.key'),
    selfSignedCert: read('self.pem'),
    remove: () => rmSync(directory, { recursive: true, force: true }),
  };
}
