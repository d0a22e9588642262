// A CommonJS consumer: Node 20.19 and later load the ES module with require().
// Usage: node consumer.cjs <base URL>
const { createEceClient, RunnerNotFoundError } = require('ece-runners');

async function main() {
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
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
