// A strict TypeScript consumer of the installed package. tsc must compile it without
// errors, so each @ts-expect-error below proves that the package rejects that misuse.
import {
  createEceClient,
  EceApiError,
  type EceClient,
  EceError,
  isEceError,
  type Runner,
  type RunnerHealthChecks,
  RunnerNotFoundError,
} from 'ece-runners';

const client: EceClient = createEceClient({
  baseUrl: 'https://ece.example.com:12443',
  auth: { apiKey: 'example-key' },
});

export async function describeRunner(runnerId: string): Promise<string> {
  try {
    const runner: Runner = await client.getRunner(runnerId);
    const checks: RunnerHealthChecks | undefined = runner.health_checks;

    return `${runner.runner_id} ${runner.host_ip} docker=${checks?.is_docker_healthy}`;
  } catch (error) {
    if (error instanceof RunnerNotFoundError) return `missing ${error.runnerId}`;
    if (error instanceof EceApiError) return `status ${error.status} ${error.codes.join(',')}`;
    if (error instanceof EceError || isEceError(error)) return error.message;
    throw error;
  }
}

export function misspeltField(runner: Runner): unknown {
  // @ts-expect-error The field is runner_id, as in the ECE API.
  return runner.runnerId;
}

export function basicAuthWithoutPassword(): EceClient {
  // @ts-expect-error HTTP basic authentication needs a password too.
  return createEceClient({ baseUrl: 'https://ece.example.com:12443', auth: { username: 'admin' } });
}

export function numericRunnerId(): Promise<Runner> {
  // @ts-expect-error A runner id is a string.
  return client.getRunner(192);
}
