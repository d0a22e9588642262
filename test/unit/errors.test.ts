import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  EceApiError,
  EceConnectionError,
  EceError,
  EceInvalidArgumentError,
  EceResponseTooLargeError,
  EceResponseValidationError,
  EceTimeoutError,
  isEceError,
  packageVersion,
  RunnerNotFoundError,
} from '../../src/index.js';
import { toJsonPath } from '../../src/validation.js';

const request = { method: 'GET', url: 'https://ece.example.com:12443/api/v1/x', attempts: 1 };
const apiDetails = {
  ...request,
  status: 404,
  statusText: 'Not Found',
  errors: [],
  codes: [],
  body: undefined,
  bodyText: undefined,
  location: undefined,
};

const examples: Array<[string, EceError]> = [
  ['EceError', new EceError('base')],
  ['EceInvalidArgumentError', new EceInvalidArgumentError('runnerId', 'bad')],
  ['EceApiError', new EceApiError('api', apiDetails)],
  ['RunnerNotFoundError', new RunnerNotFoundError('missing', { ...apiDetails, runnerId: 'x' })],
  [
    'EceConnectionError',
    new EceConnectionError('down', { ...request, code: 'ECONNRESET', cause: new Error('reset') }),
  ],
  ['EceTimeoutError', new EceTimeoutError('slow', { ...request, timeout: 10 })],
  [
    'EceResponseTooLargeError',
    new EceResponseTooLargeError('big', { ...request, status: 200, maxResponseBytes: 1 }),
  ],
  [
    'EceResponseValidationError',
    new EceResponseValidationError('odd', { ...request, status: 200, problems: [], body: {} }),
  ],
];

describe('error classes', () => {
  it.each(examples)('%s has its class name', (name, error) => {
    expect(error.name).toBe(name);
    expect(error).toBeInstanceOf(EceError);
    expect(error).toBeInstanceOf(Error);
    expect(isEceError(error)).toBe(true);
    expect(String(error)).toMatch(new RegExp(`^${name}: `));
    expect(Object.keys(error)).not.toContain('name');
  });

  it('makes RunnerNotFoundError an EceApiError', () => {
    expect(examples[3]?.[1]).toBeInstanceOf(EceApiError);
  });

  it('recognizes errors from another copy by their brand', () => {
    const foreign = Object.assign(Object.create(null), { [Symbol.for('ece-runners.error')]: true });
    expect(isEceError(foreign)).toBe(true);
    expect(isEceError(new Error('plain'))).toBe(false);
    expect(isEceError(null)).toBe(false);
    expect(isEceError('EceError')).toBe(false);
  });

  it('serializes fields and a short cause', () => {
    const error = examples[4]?.[1] as EceConnectionError;
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'EceConnectionError',
      message: 'down',
      method: 'GET',
      url: 'https://ece.example.com:12443/api/v1/x',
      attempts: 1,
      code: 'ECONNRESET',
      cause: { name: 'Error', message: 'reset' },
    });
  });

  it('shows its fields in inspect output', () => {
    const text = inspect(examples[3]?.[1]);
    expect(text).toContain("runnerId: 'x'");
    expect(text).toContain('status: 404');
  });
});

describe('toJsonPath', () => {
  it.each([
    ['', '$'],
    ['/runner_id', '$.runner_id'],
    ['/containers/0/container_name', '$.containers[0].container_name'],
    ['/tags/cpu arch', '$.tags["cpu arch"]'],
    ['/tags/a~1b~0c', '$.tags["a/b~c"]'],
  ])('converts %j to %s', (pointer, path) => {
    expect(toJsonPath(pointer)).toBe(path);
  });
});

describe('package version', () => {
  it('matches package.json', () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    );
    expect(packageVersion).toBe(manifest.version);
  });
});
