/**
 * Starts the Prism mock of the spec under /api/v1 and keeps it up until Ctrl+C.
 * Usage: `npm run mock` (a free port) or `npm run mock -- --port 4010`.
 */
import { exampleRunnerIds, startMockServer } from './mock-server.js';

function parsePort(argv: string[]): number {
  const index = argv.indexOf('--port');
  if (index === -1) return 0;

  const value = argv[index + 1];
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    process.stderr.write(
      `Invalid --port ${JSON.stringify(value ?? '')}: give a port from 0 to 65535.\n`,
    );
    process.exit(2);
  }

  return port;
}

const mock = await startMockServer({ port: parsePort(process.argv.slice(2)) });
process.stdout.write(
  [
    `Mock ECE API: ${mock.url}/api/v1 (Prism, from openapi/openapi.yaml)`,
    'It accepts any credentials, as long as there are some:',
    '  user admin, password mock-password, or any API key',
    '',
    `Runner ${exampleRunnerIds.unhealthy} is unhealthy, ${exampleRunnerIds.missing} does not exist, and every other id is a healthy allocator.`,
    '',
    'Try:',
    `  curl -u admin:mock-password ${mock.url}/api/v1/platform/infrastructure/runners/192.0.2.10`,
    `  npm run build && EC_HOST=${mock.url} EC_USER=admin EC_PASS=mock-password npx ece-runners get ${exampleRunnerIds.unhealthy}`,
    `  EC_HOST=${mock.url} EC_USER=admin EC_PASS=mock-password npx ece-runners get ${exampleRunnerIds.missing}`,
    '',
    'Press Ctrl+C to stop.',
    '',
  ].join('\n'),
);

async function stop(): Promise<void> {
  await mock.close();
  process.stdout.write('Mock stopped.\n');
  process.exit(0);
}

process.once('SIGINT', stop);
process.once('SIGTERM', stop);
