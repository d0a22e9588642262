import { fileURLToPath } from 'node:url';
import { bundle, createConfig } from '@redocly/openapi-core';

export const specPath = fileURLToPath(new URL('../../openapi/openapi.yaml', import.meta.url));

interface ExampleObject {
  value: unknown;
}

/** The part of the dereferenced spec that the tests read. */
interface DereferencedSpec {
  paths: Record<
    string,
    {
      get: {
        responses: Record<
          string,
          { content: Record<string, { examples: Record<string, ExampleObject> }> }
        >;
      };
    }
  >;
}

/** Loads the spec with every `$ref` resolved. */
export async function loadSpec(path = specPath): Promise<DereferencedSpec> {
  const config = await createConfig({});
  const result = await bundle({ ref: path, config, dereference: true });

  return result.bundle.parsed as DereferencedSpec;
}

/** Returns the named examples of one response of Get runner. */
export async function getRunnerExamples(
  status: '200' | '404',
): Promise<Record<string, ExampleObject>> {
  const spec = await loadSpec();
  const operation = spec.paths['/platform/infrastructure/runners/{runner_id}']?.get;
  const examples = operation?.responses[status]?.content['application/json']?.examples;
  if (!examples)
    throw new Error(`The spec has no examples for the ${status} response of Get runner.`);

  return examples;
}
