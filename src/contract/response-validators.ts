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

const CANONICAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{3}Z$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `YYYY-MM-DDTHH:mm:ss.sssZ` naming a real instant (leap years included), checked without allocating a Date. */
export function isCanonicalUtcDateTime(value: string): boolean {
  const match = CANONICAL_DATE_TIME.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  return days !== undefined && day >= 1 && day <= days && hour <= 23 && minute <= 59 && second <= 59;
}

/** Compiles a validator and a serializer for every documented JSON response of every operation. */
export function compileResponseCatalog(operations: Operation[]): ResponseCatalog {
  const ajv = withFormats(new Ajv({ strict: false, allErrors: true }));
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
        serialize: json ? (buildSerializer(structuredClone(schema) as never) as (body: unknown) => string) : undefined,
        requiredHeaders: Object.entries(headers)
          .filter(([, h]) => h.required)
          .map(([name]) => name),
      });
    }
    catalog.set(operation.operationId!, byStatus);
  }
  return catalog;
}

/** Whether a media type carries JSON. */
export function isJson(contentType: string): boolean {
  return contentType === 'application/json' || contentType.endsWith('+json');
}
