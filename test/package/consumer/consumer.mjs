// An ES module consumer. Usage: node consumer.mjs <base URL>
import { createEceClient, RunnerNotFoundError } from 'ece-runners';

const ece = createEceClient({ baseUrl: process.argv[2], auth: { apiKey: 'consumer-key' } });
const runner = await ece.getRunner('192.0.2.21');
const missing = await ece.getRunner('192.0.2.99').catch((error) => error);

console.log(
  JSON.stringify({
    runnerId: runner.runner_id,
    healthy: runner.healthy,
    missingIsRunnerNotFound: missing instanceof RunnerNotFoundError,
    missingRunnerId: missing.runnerId,
  }),
);
