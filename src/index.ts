export { createEceClient, type EceClient } from './client.js';
export {
  type ApiErrorDetails,
  EceApiError,
  EceConnectionError,
  EceError,
  EceInvalidArgumentError,
  EceResponseTooLargeError,
  EceResponseValidationError,
  EceTimeoutError,
  isEceError,
  type RequestDetails,
  RunnerNotFoundError,
  type ValidationProblem,
} from './errors.js';
export type { GetRunnerOptions } from './get-runner.js';
export type { EceLogger, LogMethod } from './logger.js';
export type {
  ApiKeyAuth,
  BasicAuth,
  EceClientOptions,
  FetchFunction,
  TlsOptions,
} from './options.js';
export type {
  BasicFailedReply,
  BasicFailedReplyElement,
  components,
  operations,
  paths,
  Runner,
  RunnerBuildInfo,
  RunnerContainer,
  RunnerHealthChecks,
  RunnerRole,
} from './types.js';
export { packageVersion } from './version.js';
