import {
  validateBasicFailedReply as basicFailedReplyValidator,
  validateRunnerInfo as runnerInfoValidator,
} from '../generated/validators.js';
import type { ValidationProblem } from './errors.js';
import type { BasicFailedReply, Runner } from './types.js';

/** The part of an Ajv error object that problems are built from. */
interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** A validator compiled by `npm run generate`; it stores its errors on itself. */
type GeneratedValidator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

const runnerValidator = runnerInfoValidator as GeneratedValidator;
const failedReplyValidator = basicFailedReplyValidator as GeneratedValidator;

/** Converts a JSON pointer such as `/containers/0/name` to a JSON path such as `$.containers[0].name`. */
export function toJsonPath(pointer: string): string {
  if (pointer === '') return '$';

  const segments = pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));

  return segments.reduce((path, segment) => {
    if (/^\d+$/.test(segment)) return `${path}[${segment}]`;
    if (/^[A-Za-z_$][\w$]*$/.test(segment)) return `${path}.${segment}`;

    return `${path}[${JSON.stringify(segment)}]`;
  }, '$');
}

function toProblem(error: AjvError): ValidationProblem {
  const missing = error.params.missingProperty;
  if (error.keyword === 'required' && typeof missing === 'string') {
    return {
      path: toJsonPath(
        `${error.instancePath}/${missing.replaceAll('~', '~0').replaceAll('/', '~1')}`,
      ),
      message: 'is required but missing',
    };
  }

  return {
    path: toJsonPath(error.instancePath),
    message: error.message ?? `fails the ${error.keyword} rule`,
  };
}

/** Returns every way in which `value` differs from the spec's RunnerInfo schema. */
export function findRunnerProblems(value: unknown): ValidationProblem[] {
  if (runnerValidator(value)) return [];

  return (runnerValidator.errors ?? []).map(toProblem);
}

/** Type guard for a value that matches the spec's RunnerInfo schema. */
export function isRunner(value: unknown): value is Runner {
  return runnerValidator(value);
}

/** Type guard for an ECE error body (`BasicFailedReply`). */
export function isBasicFailedReply(value: unknown): value is BasicFailedReply {
  return failedReplyValidator(value);
}
