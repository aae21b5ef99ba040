import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';

import type { JsonSchema } from './json-schema.js';

// ajv-formats is CommonJS: under NodeNext the default import is its module.exports, which also
// carries the plugin as its documented `default` export.
const addFormats = addFormatsPlugin.default;

/**
 * An ajv for JSON Schema 2020-12 (OpenAPI 3.1's dialect) with the full ajv-formats set and no
 * type coercion: the contract read literally, independent of the server's own validators.
 * `strict: false` because OpenAPI schemas carry `example` and `x-` keywords.
 */
export function createStrictAjv(): Ajv2020 {
  return addFormats(new Ajv2020({ strict: false, allErrors: true, validateFormats: true }));
}

const ajv = createStrictAjv();
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

/** Whether `value` satisfies `schema` exactly as written (compiled once per schema object). */
export function satisfies(schema: JsonSchema, value: unknown): boolean {
  return validatorFor(schema)(value);
}

/** Why `value` does not satisfy `schema`, one line per problem (empty when it does). */
export function violationsOf(schema: JsonSchema, value: unknown): string[] {
  const validate = validatorFor(schema);
  if (validate(value)) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
  );
}

function validatorFor(schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}
