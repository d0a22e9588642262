import type { TestProject } from 'vitest/node';
import { startMockServer } from '../../scripts/mock-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Address of the Prism mock of the spec, served under /api/v1. */
    mockUrl: string;
  }
}

/** Starts one Prism mock of the spec for every contract test, and stops it afterwards. */
export default async function setup(project: TestProject) {
  const mock = await startMockServer();
  project.provide('mockUrl', mock.url);

  return async () => {
    await mock.close();
  };
}
