import type { Ajv, Options as AjvOptions } from 'ajv';
import { type Document, OpenAPIBackend } from 'openapi-backend';

import { withFormats } from '../../../src/json-schema/formats.js';

/** The ajv options openapi-backend validates requests with (the same since before validators were compiled at build time). */
export const REQUEST_AJV_OPTIONS: Readonly<AjvOptions> = Object.freeze({
  allErrors: true,
  useDefaults: true,
  strict: false,
  validateSchema: false,
});

/** Gives openapi-backend the ajv instance it compiles one request validator with. */
export type AjvFactory = (originalAjv: Ajv, options: AjvOptions) => Ajv;

/**
 * An openapi-backend instance set up the way this service validates requests, used through its
 * public API only: `quick` (dereference synchronously, compile validators on demand, and skip
 * the OpenAPI 3.0 meta-schema check that refuses valid 3.1; Redocly lints the document instead),
 * coercion of query and path parameters, the contract's formats. The build compiles its
 * validators to standalone code; the oracle suite runs one untouched beside the compiled
 * pipeline.
 */
export async function contractBackend(document: object, ajvFor: AjvFactory = (ajv) => withFormats(ajv)): Promise<OpenAPIBackend> {
  const api = new OpenAPIBackend({
    definition: structuredClone(document) as unknown as Document,
    quick: true,
    validate: true,
    coerceTypes: true,
    ajvOpts: { ...REQUEST_AJV_OPTIONS },
    customizeAjv: (ajv, options) => ajvFor(ajv, options),
  });
  return api.init();
}
