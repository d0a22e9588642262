// A CommonJS TypeScript consumer: TypeScript 5.8 and later type require() of an ES module
// under module nodenext, as Node 20.19 and later run it.
import ece = require('ece-runners');

export function createClient(apiKey: string): ece.EceClient {
  return ece.createEceClient({ baseUrl: 'https://ece.example.com:12443', auth: { apiKey } });
}

export function isMissingRunner(error: unknown): error is ece.RunnerNotFoundError {
  return error instanceof ece.RunnerNotFoundError;
}
