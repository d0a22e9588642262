import { describe, expect, it } from 'vitest';
import { createEceClient, EceInvalidArgumentError } from '../../src/index.js';
import { type EceClientOptions, resolveOptions } from '../../src/options.js';

const base = { baseUrl: 'https://ece.example.com:12443' };

function rejection(options: unknown): EceInvalidArgumentError {
  try {
    resolveOptions(options as EceClientOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(EceInvalidArgumentError);
    return error as EceInvalidArgumentError;
  }
  throw new Error('resolveOptions accepted invalid options');
}

describe('base URL', () => {
  it.each([
    ['https://ece.example.com:12443', 'https://ece.example.com:12443/api/v1'],
    ['https://ece.example.com:12443/', 'https://ece.example.com:12443/api/v1'],
    ['https://ece.example.com:12443/api/v1', 'https://ece.example.com:12443/api/v1'],
    ['https://ece.example.com:12443/api/v1/', 'https://ece.example.com:12443/api/v1'],
    ['https://ece.example.com:12443/api/v1//', 'https://ece.example.com:12443/api/v1'],
    ['https://gateway.example.com/ece/api/v1', 'https://gateway.example.com/ece/api/v1'],
    ['HTTPS://ECE.Example.COM:12443', 'https://ece.example.com:12443/api/v1'],
  ])('%s resolves to %s', (input, expected) => {
    expect(resolveOptions({ baseUrl: input }).baseUrl).toBe(expected);
  });

  it('accepts a URL object', () => {
    expect(resolveOptions({ baseUrl: new URL('https://ece.example.com') }).baseUrl).toBe(
      'https://ece.example.com/api/v1',
    );
  });

  it('adds the region path', () => {
    const resolved = resolveOptions({ ...base, region: 'ece-region' });
    expect(resolved.baseUrl).toBe('https://ece.example.com:12443/api/v1/regions/ece-region');
  });

  it('encodes the region as one segment', () => {
    const resolved = resolveOptions({ ...base, region: 'eu/west 1' });
    expect(resolved.baseUrl).toBe('https://ece.example.com:12443/api/v1/regions/eu%2Fwest%201');
  });

  it.each(['', '.', '..'])('rejects region %j', (region) => {
    const error = rejection({ ...base, region });
    expect(error.argument).toBe('options.region');
  });

  it('rejects a missing options object', () => {
    expect(rejection(undefined).message).toContain('needs an options object with a baseUrl');
  });

  it.each([
    [undefined, 'must be a URL string'],
    [42, 'got number 42'],
    ['ece.example.com:12443', 'must use https or http'],
    ['not a url', 'is not a valid URL'],
    ['ftp://ece.example.com', 'must use https or http'],
    ['https://ece.example.com/?q=1', 'must not have a query'],
    ['https://ece.example.com/#top', 'must not have a query or a fragment'],
  ])('rejects %j', (baseUrl, expected) => {
    const error = rejection({ baseUrl });
    expect(error.argument).toBe('options.baseUrl');
    expect(error.message).toContain(expected);
  });

  it('rejects credentials in the URL without repeating them', () => {
    const error = rejection({ baseUrl: 'https://admin:hunter2@ece.example.com:12443' });
    expect(error.message).toContain('options.auth');
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('admin');
  });
});

describe('auth', () => {
  it('builds a basic authorization header', () => {
    const resolved = resolveOptions({ ...base, auth: { username: 'admin', password: 'pä:ss' } });
    const expected = `Basic ${Buffer.from('admin:pä:ss', 'utf8').toString('base64')}`;
    expect(resolved.headers.authorization).toBe(expected);
  });

  it('builds an ApiKey authorization header', () => {
    const resolved = resolveOptions({ ...base, auth: { apiKey: 'ZXhhbXBsZS1rZXk=' } });
    expect(resolved.headers.authorization).toBe('ApiKey ZXhhbXBsZS1rZXk=');
  });

  it.each([
    [{ username: 'admin', password: 'secret-value', apiKey: 'secret-key' }, 'not both'],
    [{}, 'got an object with neither'],
    ['secret-value', 'got "secret-value"'],
    [{ username: 'admin' }, 'options.auth.password must be a non-empty string, got undefined'],
    [{ username: '', password: 'secret-value' }, 'got an empty string'],
    [{ username: 'ad:min', password: 'secret-value' }, 'must not contain ":"'],
    [{ apiKey: 'secret key' }, 'printable ASCII'],
    [{ apiKey: 'secret-key\r\nX-Injected: 1' }, 'printable ASCII'],
  ])('rejects %j', (auth, expected) => {
    const error = rejection({ ...base, auth });
    expect(error.message).toContain(expected);
  });

  it('never puts a rejected secret into the message', () => {
    const error = rejection({ ...base, auth: { apiKey: 'secret key' } });
    expect(error.message).not.toContain('secret');
    expect(JSON.stringify(error)).not.toContain('secret key');
  });

  it('rejects auth together with an Authorization header', () => {
    const error = rejection({
      ...base,
      auth: { apiKey: 'key' },
      headers: { Authorization: 'Bearer token' },
    });
    expect(error.argument).toBe('options.headers');
  });
});

describe('plain HTTP', () => {
  const auth = { username: 'admin', password: 'secret-value' };

  it('rejects credentials to a host that is not loopback', () => {
    const error = rejection({ baseUrl: 'http://ece.example.com:12400', auth });
    expect(error.argument).toBe('options.baseUrl');
    expect(error.message).toContain('options.allowInsecureHttp');
    expect(error.message).toContain('clear text');
  });

  it('treats an Authorization header as credentials', () => {
    const error = rejection({
      baseUrl: 'http://192.0.2.10:12400',
      headers: { authorization: 'Bearer token' },
    });
    expect(error.message).toContain('options.allowInsecureHttp');
  });

  it.each([
    'http://127.0.0.1:12400',
    'http://127.8.9.10',
    'http://localhost:12400',
    'http://[::1]:12400',
  ])('allows loopback %s', (baseUrl) => {
    expect(() => resolveOptions({ baseUrl, auth })).not.toThrow();
  });

  it('allows a remote host without credentials', () => {
    expect(() => resolveOptions({ baseUrl: 'http://ece.example.com:12400' })).not.toThrow();
  });

  it('allows a remote host with allowInsecureHttp', () => {
    expect(() =>
      resolveOptions({ baseUrl: 'http://ece.example.com:12400', auth, allowInsecureHttp: true }),
    ).not.toThrow();
  });

  it('rejects before any request is sent', () => {
    let calls = 0;
    const fetch = async () => {
      calls += 1;
      return new Response('{}');
    };
    expect(() => createEceClient({ baseUrl: 'http://ece.example.com', auth, fetch })).toThrow(
      EceInvalidArgumentError,
    );
    expect(calls).toBe(0);
  });
});

describe('numbers and flags', () => {
  it('fills in the defaults', () => {
    const resolved = resolveOptions(base);
    expect(resolved.timeout).toBe(30_000);
    expect(resolved.maxRetries).toBe(2);
    expect(resolved.maxRetryDelay).toBe(30_000);
    expect(resolved.maxResponseBytes).toBe(1_048_576);
    expect(resolved.validateResponses).toBe(true);
  });

  it.each([
    ['timeout', 0],
    ['timeout', -1],
    ['timeout', 1.5],
    ['timeout', Number.POSITIVE_INFINITY],
    ['timeout', 2 ** 31],
    ['timeout', '30s'],
    ['maxRetries', -1],
    ['maxRetries', 11],
    ['maxRetryDelay', -5],
    ['maxResponseBytes', 0],
  ])('rejects %s = %j', (name, value) => {
    const error = rejection({ ...base, [name]: value });
    expect(error.argument).toBe(`options.${name}`);
    expect(error.message).toContain('must be an integer from');
  });

  it.each(['validateResponses', 'allowInsecureHttp'])('rejects a non-boolean %s', (name) => {
    const error = rejection({ ...base, [name]: 'yes' });
    expect(error.message).toContain('must be true or false, got "yes"');
  });
});

describe('other options', () => {
  it('rejects tls together with fetch', () => {
    const error = rejection({ ...base, tls: { ca: 'PEM' }, fetch: globalThis.fetch });
    expect(error.argument).toBe('options.tls');
    expect(error.message).toContain('undici Agent');
  });

  it.each([
    ['a file path', '/etc/ece/ca.pem'],
    ['a Buffer without PEM', Buffer.from('not a certificate')],
    ['an array with one bad entry', ['-----BEGIN CERTIFICATE-----\n', 'ca.pem']],
  ])('rejects a CA that is %s', (_name, ca) => {
    const error = rejection({ ...base, tls: { ca } });
    expect(error.argument).toBe('options.tls.ca');
    expect(error.message).toContain('is not a PEM certificate');
    expect(error.message).toContain("readFileSync('ece-ca.pem')");
  });

  it('rejects a header with a line break without showing it', () => {
    const error = rejection({ ...base, headers: { 'x-token': 'secret-token\r\nx-evil: 1' } });
    expect(error.argument).toBe('options.headers');
    expect(error.message).toContain('options.headers["x-token"] has an invalid name or value');
    expect(error.message).not.toContain('secret-token');
  });

  it('rejects an invalid header name', () => {
    const error = rejection({ ...base, headers: { 'bad name': 'x' } });
    expect(error.message).toContain('options.headers["bad name"]');
  });

  it('rejects a CA that is not PEM text or a Buffer', () => {
    expect(rejection({ ...base, tls: { ca: 42 } }).argument).toBe('options.tls.ca');
  });

  it('rejects a logger without the four methods', () => {
    const error = rejection({ ...base, logger: { info() {} } });
    expect(error.message).toContain('debug, info, warn and error');
  });

  it('rejects a header value that is not a string', () => {
    const error = rejection({ ...base, headers: { 'x-count': 1 } });
    expect(error.message).toContain('options.headers["x-count"] must be a string');
  });

  it('rejects a fetch that is not a function', () => {
    expect(rejection({ ...base, fetch: 'fetch' }).argument).toBe('options.fetch');
  });
});
