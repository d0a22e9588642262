/**
 * Named types of the ECE runners API. Each one is an alias of a type that
 * openapi-typescript generates from `openapi/`, so that the spec stays the one source.
 */
import type { components } from '../generated/ece-api.js';

export type { components, operations, paths } from '../generated/ece-api.js';

type Schemas = components['schemas'];

/** A runner: one host of the ECE installation (`RunnerInfo` in the spec). */
export type Runner = Schemas['RunnerInfo'];
/** Build of the runner's container artifact (`RunnerBuildInfo`). */
export type RunnerBuildInfo = Schemas['RunnerBuildInfo'];
/** A container that runs on a runner (`RunnerContainerInfo`). */
export type RunnerContainer = Schemas['RunnerContainerInfo'];
/** A role held by a runner (`RunnerRoleInfo`). */
export type RunnerRole = Schemas['RunnerRoleInfo'];
/** The checks behind a runner's `healthy` flag (`RunnerHealthChecks`). */
export type RunnerHealthChecks = Schemas['RunnerHealthChecks'];
/** The body of an ECE error response. */
export type BasicFailedReply = Schemas['BasicFailedReply'];
/** One error of an ECE error response. */
export type BasicFailedReplyElement = Schemas['BasicFailedReplyElement'];
