import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import type { Operation } from 'openapi-backend';

const addFormats = addFormatsPlugin as unknown as (ajv: Ajv) => Ajv;

/** What the contract documents for one status of one operation. */
export interface DocumentedResponse {
  contentType: string | undefined;
  /** Undefined when the media type is not JSON (e.g. the YAML contract itself). */
  validate: ValidateFunction | undefined;
  requiredHeaders: string[];
}

/** operationId -> status -> documented response, compiled once at start-up. */
export type ResponseCatalog = Map<string, Map<string, DocumentedResponse>>;

/** Adds the full ajv-formats set (so `2026-02-30` is not a date) to an ajv instance. */
export function withFormats(ajv: Ajv): Ajv {
  return addFormats(ajv);
}

/** Compiles a validator for every documented JSON response of every operation. */
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
      byStatus.set(status, {
        contentType,
        validate: contentType && isJson(contentType) && schema ? ajv.compile(schema) : undefined,
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
