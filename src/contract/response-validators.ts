import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { build as buildSerializer } from 'fast-json-stringify';
import type { Operation } from 'openapi-backend';

const addFormats = addFormatsPlugin as unknown as (ajv: Ajv, options?: { mode?: 'fast' | 'full' }) => Ajv;

/** What the contract documents for one status of one operation. */
export interface DocumentedResponse {
  contentType: string | undefined;
  /** Undefined when the media type is not JSON (e.g. the YAML contract itself). */
  validate: ValidateFunction | undefined;
  /**
   * Serialises a body that `validate` accepted. Compiled from the same schema, it writes only
   * the properties the schema lists: a second guard against leaking unlisted fields.
   */
  serialize: ((body: unknown) => string) | undefined;
  requiredHeaders: string[];
}

/** operationId -> status -> documented response, compiled once at start-up. */
export type ResponseCatalog = Map<string, Map<string, DocumentedResponse>>;

/** Adds the full ajv-formats set (so `2026-02-30` is not a date) to an ajv instance. */
export function withFormats(ajv: Ajv): Ajv {
  addFormats(ajv);
  // Every timestamp this service writes is Date#toISOString output; recognise that exact
  // form cheaply (it round-trips) and keep the full RFC 3339 check for anything else.
  const fullDateTime = ajv.formats['date-time'] as { validate: (value: string) => boolean } | ((value: string) => boolean);
  const fullCheck = typeof fullDateTime === 'function' ? fullDateTime : fullDateTime.validate;
  ajv.addFormat('date-time', {
    type: 'string',
    validate: (value: string) => isCanonicalUtcDateTime(value) || fullCheck(value),
  });
  return ajv;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * `YYYY-MM-DDTHH:mm:ss.sssZ` naming a real instant (leap years included). Read character by
 * character, with the checks written out: it runs once per timestamp of every response (365 per
 * year of random numbers), where a RegExp match and its array were 15% of the request and a loop
 * over a table of separators half of what is left.
 */
export function isCanonicalUtcDateTime(value: string): boolean {
  if (
    value.length !== 24 ||
    value.charCodeAt(4) !== 45 || // -
    value.charCodeAt(7) !== 45 || // -
    value.charCodeAt(10) !== 84 || // T
    value.charCodeAt(13) !== 58 || // :
    value.charCodeAt(16) !== 58 || // :
    value.charCodeAt(19) !== 46 || // .
    value.charCodeAt(23) !== 90 // Z
  ) {
    return false;
  }
  const century = twoDigitsAt(value, 0);
  const yearOfCentury = twoDigitsAt(value, 2);
  const month = twoDigitsAt(value, 5);
  const day = twoDigitsAt(value, 8);
  const hour = twoDigitsAt(value, 11);
  const minute = twoDigitsAt(value, 14);
  const second = twoDigitsAt(value, 17);
  const centiseconds = twoDigitsAt(value, 20);
  const lastMilliDigit = value.charCodeAt(22) - 48;
  if (century < 0 || yearOfCentury < 0 || centiseconds < 0 || lastMilliDigit < 0 || lastMilliDigit > 9) return false;
  if (month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  const year = century * 100 + yearOfCentury;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/** The two-digit decimal number at `value[at]`, or -1 when either character is not an ASCII digit. */
function twoDigitsAt(value: string, at: number): number {
  const tens = value.charCodeAt(at) - 48;
  const ones = value.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

/** Compiles a validator and a serializer for every documented JSON response of every operation. */
export function compileResponseCatalog(operations: Operation[]): ResponseCatalog {
  // Redocly lints these schemas in `make test`; checking them against the meta-schema again here
  // cost ~40 ms of start-up (ajv still refuses a schema it cannot compile).
  const ajv = withFormats(new Ajv({ strict: false, allErrors: true, validateSchema: false }));
  // The dereferenced document shares one object per component schema: 69 documented JSON
  // responses have 9 distinct schemas, so each serializer is built once (ajv caches the same way).
  const serializers = new Map<object, (body: unknown) => string>();
  const serializerFor = (schema: object) => {
    let serialize = serializers.get(schema);
    if (!serialize) {
      serialize = buildSerializer(serializerSchema(schema) as never) as (body: unknown) => string;
      serializers.set(schema, serialize);
    }
    return serialize;
  };
  const catalog: ResponseCatalog = new Map();
  for (const operation of operations) {
    const byStatus = new Map<string, DocumentedResponse>();
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      const { content = {}, headers = {} } = response as {
        content?: Record<string, { schema?: object }>;
        headers?: Record<string, { required?: boolean }>;
      };
      const contentType = Object.keys(content)[0];
      const schema = contentType ? content[contentType]?.schema : undefined;
      const json = contentType !== undefined && isJson(contentType) && schema !== undefined;
      byStatus.set(status, {
        contentType,
        validate: json ? ajv.compile(schema) : undefined,
        serialize: json ? serializerFor(schema) : undefined,
        requiredHeaders: Object.entries(headers)
          .filter(([, h]) => h.required)
          .map(([name]) => name),
      });
    }
    catalog.set(operation.operationId!, byStatus);
  }
  return catalog;
}

/** Keywords that leave a free-form object schema free-form (they only document it). */
const ANNOTATIONS = new Set(['type', 'additionalProperties', 'description', 'title', 'examples', 'example', 'x-contract-id']);
/** Keywords whose values are data, not schemas: copied as they are. */
const DATA = new Set(['enum', 'const', 'default', 'examples', 'example']);

/**
 * A copy of `schema` for fast-json-stringify in which every free-form object (`type: object`,
 * `additionalProperties: true`, nothing else that constrains it) becomes `{}`, which it writes
 * with JSON.stringify: the same text, at half the cost of its key-by-key path for such objects
 * (a frame's rows are free-form: 11 of 23 us for 50 customers). Everything that lists
 * properties stays as it is, so unlisted fields are still left out. Shared and circular
 * subschemas are copied once.
 */
export function serializerSchema(schema: unknown, copies = new Map<object, unknown>()): unknown {
  if (typeof schema !== 'object' || schema === null) return schema;
  const done = copies.get(schema);
  if (done !== undefined) return done;
  if (Array.isArray(schema)) {
    const list: unknown[] = [];
    copies.set(schema, list);
    for (const item of schema) list.push(serializerSchema(item, copies));
    return list;
  }
  const entries = Object.entries(schema);
  const freeForm =
    (schema as { type?: unknown }).type === 'object' &&
    (schema as { additionalProperties?: unknown }).additionalProperties === true &&
    entries.every(([keyword]) => ANNOTATIONS.has(keyword));
  const copy: Record<string, unknown> = {};
  copies.set(schema, copy);
  if (!freeForm) for (const [keyword, value] of entries) copy[keyword] = DATA.has(keyword) ? value : serializerSchema(value, copies);
  return copy;
}

/** Whether a media type carries JSON. */
export function isJson(contentType: string): boolean {
  return contentType === 'application/json' || contentType.endsWith('+json');
}
