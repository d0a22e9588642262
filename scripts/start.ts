/**
 * First run: starts the Prism mock of the spec, fetches an example runner through the
 * client, prints it, shows what a missing runner gives, and stops the mock.
 */
import { createEceClient, RunnerNotFoundError } from '../src/index.js';
import { startMockServer } from './mock-server.js';

const mock = await startMockServer();
try {
  process.stdout.write(`Started a mock ECE API at ${mock.url}/api/v1\n\n`);
  const client = createEceClient({
    baseUrl: mock.url,
    auth: { username: 'admin', password: 'mock-password' },
  });

  const runner = await client.getRunner('192.0.2.10');
  process.stdout.write(`Runner 192.0.2.10:\n${JSON.stringify(runner, null, 2)}\n\n`);

  const missing = createEceClient({
    baseUrl: mock.url,
    auth: { username: 'admin', password: 'mock-password' },
    headers: { prefer: 'code=404' },
  });
  try {
    await missing.getRunner('192.0.2.99');
  } catch (error) {
    if (!(error instanceof RunnerNotFoundError)) throw error;
    process.stdout.write(
      `A missing runner throws ${error.name}:\n  ${error.message}\n  codes: ${error.codes.join(', ')}\n`,
    );
  }
} finally {
  await mock.close();
}
