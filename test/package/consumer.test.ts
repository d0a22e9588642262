/**
 * Installs the packed tarball into a temporary project outside this repository and uses
 * it the way a consumer would: TypeScript under nodenext and bundler resolution, an ES
 * module and a CommonJS script against a local server, and the CLI bin.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PackedPackage, packPackage, repositoryRoot } from '../../scripts/pack-package.js';
import { type LocalServer, sendJson, startHttpServer } from '../helpers/local-server.js';
import { failedReply, healthyRunner } from '../helpers/runners.js';

const execFileAsync = promisify(execFile);

const fixtureFolder = path.join(repositoryRoot, 'test/package/consumer');
const typescriptCompiler = path.join(repositoryRoot, 'node_modules/typescript/bin/tsc');
const apiKey = 'consumer-key';

interface RepositoryManifest {
  version: string;
  devDependencies: Record<string, string>;
}

let temporaryFolder: string;
let projectFolder: string;
let packed: PackedPackage;
let manifest: RepositoryManifest;

async function installTarball(): Promise<void> {
  const typesNode = `@types/node@${manifest.devDependencies['@types/node']}`;
  await execFileAsync(
    'npm',
    ['install', packed.tarball, typesNode, '--prefer-offline', '--no-audit', '--no-fund'],
    { cwd: projectFolder },
  );
}

beforeAll(async () => {
  manifest = JSON.parse(await readFile(path.join(repositoryRoot, 'package.json'), 'utf8'));
  temporaryFolder = await mkdtemp(path.join(os.tmpdir(), 'ece-runners-consumer-'));
  const packFolder = path.join(temporaryFolder, 'pack');
  projectFolder = path.join(temporaryFolder, 'project');
  await mkdir(packFolder);
  await cp(fixtureFolder, projectFolder, { recursive: true });

  packed = await packPackage(packFolder);
  await installTarball();
});

afterAll(async () => {
  if (temporaryFolder) await rm(temporaryFolder, { recursive: true, force: true });
});

/**
 * Starts a server that returns runner 192.0.2.21 under /api/v1, 401 without the test API
 * key, and 404 with runners.runner_not_found for any other runner id.
 */
function startRunnerServer(): Promise<LocalServer> {
  const runnerPath = '/api/v1/platform/infrastructure/runners/';

  return startHttpServer((request, response) => {
    if (request.headers.authorization !== `ApiKey ${apiKey}`) {
      sendJson(
        response,
        401,
        failedReply('root.unauthenticated', 'The request is not authenticated.'),
      );
    } else if (request.url === `${runnerPath}192.0.2.21`) {
      sendJson(response, 200, healthyRunner());
    } else {
      sendJson(response, 404, failedReply('runners.runner_not_found', 'Runner not found'), {
        'x-cloud-error-codes': 'runners.runner_not_found',
      });
    }
  });
}

/** Runs a program in the consumer project without blocking, so the local server can respond. */
async function runInProject(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<string> {
  const { stdout } = await execFileAsync(command, args, {
    cwd: projectFolder,
    env: { ...process.env, ...env },
  });

  return stdout;
}

async function compileConsumer(tsconfig: string) {
  try {
    await runInProject(process.execPath, [typescriptCompiler, '-p', tsconfig]);

    return { passed: true, output: '' };
  } catch (error) {
    return { passed: false, output: String((error as { stdout?: string }).stdout) };
  }
}

describe('packed tarball', () => {
  it('ships only the built package', () => {
    const allowedTopLevel = new Set(['dist', 'src', 'generated', 'package.json', 'README.md']);
    for (const file of packed.files) {
      expect(allowedTopLevel, file).toContain(file.split('/')[0]);
    }
  });

  it('ships no tests, dependencies or secrets', () => {
    const forbidden =
      /(^|\/)(test|node_modules|\.env[^/]*|\.npmrc)(\/|$)|\.(pem|key|tgz)$|\.test\./;
    expect(packed.files.filter((file) => forbidden.test(file))).toEqual([]);
  });

  it('ships the entry points and declaration maps', () => {
    expect(packed.files).toContain('dist/src/index.js');
    expect(packed.files).toContain('dist/src/index.d.ts');
    expect(packed.files).toContain('dist/src/index.d.ts.map');
    expect(packed.files).toContain('src/index.ts');
    expect(packed.files).toContain('dist/generated/ece-api.d.ts');
  });
});

describe('TypeScript consumer', () => {
  it('compiles under moduleResolution nodenext', async () => {
    const result = await compileConsumer('tsconfig.nodenext.json');
    expect(result.output).toBe('');
    expect(result.passed).toBe(true);
  });

  it('compiles under moduleResolution bundler', async () => {
    const result = await compileConsumer('tsconfig.bundler.json');
    expect(result.output).toBe('');
    expect(result.passed).toBe(true);
  });
});

describe('JavaScript consumer', () => {
  const expected = {
    runnerId: '192.0.2.21',
    healthy: true,
    missingIsRunnerNotFound: true,
    missingRunnerId: '192.0.2.99',
  };

  it('imports the package as an ES module', async () => {
    const server = await startRunnerServer();
    const stdout = await runInProject(process.execPath, ['consumer.mjs', server.url]);
    expect(JSON.parse(stdout)).toEqual(expected);
  });

  it('requires the package from CommonJS', async () => {
    const server = await startRunnerServer();
    const stdout = await runInProject(process.execPath, ['consumer.cjs', server.url]);
    expect(JSON.parse(stdout)).toEqual(expected);
  });
});

describe('CLI bin', () => {
  const bin = () => path.join(projectFolder, 'node_modules/.bin/ece-runners');

  it('prints the package version', async () => {
    const stdout = await runInProject(bin(), ['--version']);
    expect(stdout.trim()).toBe(manifest.version);
  });

  it('gets a runner as JSON', async () => {
    const server = await startRunnerServer();
    const args = ['get', '192.0.2.21', '--host', server.url, '--output', 'json'];
    const stdout = await runInProject(bin(), args, { EC_API_KEY: apiKey });
    expect(JSON.parse(stdout)).toEqual(healthyRunner());
  });
});
