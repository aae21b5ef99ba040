import { build as buildSerializer } from 'fast-json-stringify';
import type { Operation } from 'openapi-backend';

import type { ResponseFacts } from '../../../src/contract/compiled-contract.js';
import { serializerSchema } from './serializer-schema.js';
import { sourceKeepingAjv, validatorModule } from './standalone-ajv.js';

/** Every documented response of every operation, and the modules compiled for them. */
export interface CompiledResponses {
  /** operationId -> status -> facts. */
  responses: Map<string, Record<string, ResponseFacts>>;
  /** Standalone ajv modules, one per distinct JSON response schema. */
  validatorModules: string[];
  /** Standalone fast-json-stringify modules, one per distinct JSON response schema. */
  serializerModules: string[];
  /** Standalone ajv modules, one per response that documents headers with a schema. */
  headerValidatorModules: string[];
}

/**
 * Compiles a validator and a serializer for each distinct JSON response schema, and a validator of
 * the documented header values of each response that has any (openapi-backend's
 * dereferenced document shares one object per component schema: 69 documented JSON responses had
 * 9 distinct schemas). The validators use the options response validation has always used.
 */
export function compileResponses(operations: Operation[]): CompiledResponses {
  // Redocly lints these schemas in `make test`; no meta-schema pass here.
  const ajv = sourceKeepingAjv({ strict: false, allErrors: true, validateSchema: false });
  const bySchema = new Map<object, number>();
  const validatorModules: string[] = [];
  const serializerModules: string[] = [];
  const compiledFor = (schema: object): number => {
    let index = bySchema.get(schema);
    if (index === undefined) {
      index = validatorModules.length;
      validatorModules.push(validatorModule(ajv, ajv.compile(schema)));
      serializerModules.push(serializerModule(schema));
      bySchema.set(schema, index);
    }
    return index;
  };

  // Header values travel as strings: `Retry-After: 42` is the integer 42 to its schema, as
  // OpenAPI's `simple` style says, so this one coerces (a copy of the headers, never the response's).
  const headerAjv = sourceKeepingAjv({ strict: false, allErrors: true, validateSchema: false, coerceTypes: true });
  const headerValidatorModules: string[] = [];
  const headersCompiled = (headers: Record<string, { schema?: object }>): number | undefined => {
    const properties = Object.fromEntries(
      Object.entries(headers).flatMap(([name, header]) => (header.schema ? [[name, header.schema]] : [])),
    );
    if (Object.keys(properties).length === 0) return undefined;
    headerValidatorModules.push(validatorModule(headerAjv, headerAjv.compile({ type: 'object', properties })));
    return headerValidatorModules.length - 1;
  };

  const responses = new Map<string, Record<string, ResponseFacts>>();
  for (const operation of operations) {
    const byStatus: Record<string, ResponseFacts> = {};
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      const { content = {}, headers = {} } = response as {
        content?: Record<string, { schema?: object }>;
        headers?: Record<string, { required?: boolean; schema?: object }>;
      };
      const contentType = Object.keys(content)[0];
      const schema = contentType ? content[contentType]?.schema : undefined;
      const index = contentType !== undefined && isJson(contentType) && schema !== undefined ? compiledFor(schema) : undefined;
      byStatus[status] = {
        contentType,
        json: contentType !== undefined && isJson(contentType),
        requiredHeaders: Object.entries(headers)
          .filter(([, header]) => header.required)
          .map(([name]) => name),
        validator: index,
        serializer: index,
        headerValidator: headersCompiled(headers),
      };
    }
    responses.set(operation.operationId!, byStatus);
  }
  return { responses, validatorModules, serializerModules, headerValidatorModules };
}

/**
 * A fast-json-stringify serializer as a standalone module. Refused when it would need an ajv
 * validator at run time (to choose between schemas), which it would compile as it loads.
 */
function serializerModule(schema: object): string {
  const code = buildSerializer(serializerSchema(schema) as never, { mode: 'standalone' });
  if (code.includes('fast-json-stringify/lib/validator')) {
    throw new Error(
      `the serializer of a response schema needs a run-time validator (an anyOf/oneOf/if over objects): ${JSON.stringify(schema).slice(0, 200)}`,
    );
  }
  return code;
}

/** Whether a media type carries JSON. */
export function isJson(contentType: string): boolean {
  return contentType === 'application/json' || contentType.endsWith('+json');
}
