import { resolveLocalRefs } from '../../src/contract/local-ref-resolver.js';
import { type JsonSchema, schemaExamples } from '../../src/json-schema/json-schema.js';

/** HTTP methods an OpenAPI path item may hold operations under. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Where a parameter travels. */
export type ParameterLocation = 'query' | 'path' | 'header' | 'cookie';

/** One parameter of an operation, `$ref`s resolved. */
export interface FuzzParameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  schema: JsonSchema;
  /** Example values from the parameter and its schema, to steer generation towards rows that exist. */
  examples: unknown[];
}

/** The request body of an operation: the media type the fuzzer sends and its schema. */
export interface FuzzRequestBody {
  required: boolean;
  mediaType: string;
  schema: JsonSchema;
  examples: unknown[];
}

/** A response header the contract documents. */
export interface DocumentedHeader {
  required: boolean;
  schema: JsonSchema | undefined;
}

/** What the contract documents for one status (or `4XX`, or `default`) of one operation. */
export interface DocumentedResponse {
  /** Media type -> schema (undefined when the media type has none). Empty when no body is documented. */
  content: Record<string, JsonSchema | undefined>;
  /** Header name, lower-cased -> what is documented about it. */
  headers: Record<string, DocumentedHeader>;
}

/** One operation of the contract, in the shape the fuzzer works with. */
export interface FuzzOperation {
  operationId: string;
  /** Upper-case HTTP method. */
  method: string;
  /** The path template, e.g. `/customers/{customer_code}`. */
  path: string;
  parameters: FuzzParameter[];
  body: FuzzRequestBody | undefined;
  /** Status key as written in the spec (`200`, `4XX`, `default`) -> documented response. */
  responses: Record<string, DocumentedResponse>;
  /** Whether a caller must authenticate, and the scopes its token must hold. */
  security: { secured: boolean; scopes: string[] };
}

/** The spec uses something the fuzzer cannot generate requests for; it says so rather than skip the operation. */
export class UnsupportedOperationError extends Error {
  constructor(operationId: string, what: string) {
    super(`contract fuzz cannot fuzz ${operationId}: ${what}`);
  }
}

type Raw = Record<string, unknown>;

/** Every operation (path + method with an operationId) of an OpenAPI 3.1 document. */
export function specOperations(document: Raw): FuzzOperation[] {
  const paths = (document.paths ?? {}) as Record<string, Raw>;
  const operations: FuzzOperation[] = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = resolveLocalRefs(document, rawItem);
    for (const method of HTTP_METHODS) {
      const operation = item[method] as Raw | undefined;
      if (!operation || typeof operation.operationId !== 'string') continue;
      operations.push(toFuzzOperation(document, path, method, item, operation));
    }
  }
  return operations;
}

function toFuzzOperation(document: Raw, path: string, method: string, item: Raw, operation: Raw): FuzzOperation {
  const operationId = operation.operationId as string;
  return {
    operationId,
    method: method.toUpperCase(),
    path,
    parameters: mergedParameters(item, operation).map((p) => toParameter(operationId, p)),
    body: toRequestBody(operationId, operation.requestBody as Raw | undefined),
    responses: Object.fromEntries(
      Object.entries((operation.responses ?? {}) as Record<string, Raw>).map(([status, r]) => [status, toResponse(r)]),
    ),
    security: securityOf(operation.security ?? document.security),
  };
}

/** Path-level parameters apply to every operation unless the operation redefines the same name and location. */
function mergedParameters(item: Raw, operation: Raw): Raw[] {
  const own = (operation.parameters ?? []) as Raw[];
  const inherited = ((item.parameters ?? []) as Raw[]).filter((p) => !own.some((o) => o.name === p.name && o.in === p.in));
  return [...inherited, ...own];
}

function toParameter(operationId: string, raw: Raw): FuzzParameter {
  const name = raw.name as string;
  const location = raw.in as ParameterLocation;
  if (raw.schema === undefined)
    throw new UnsupportedOperationError(operationId, `parameter ${name} has no schema (content-typed parameters are not supported)`);
  const style = raw.style as string | undefined;
  const defaultStyle = location === 'query' || location === 'cookie' ? 'form' : 'simple';
  if ((style !== undefined && style !== defaultStyle) || raw.explode === false) {
    throw new UnsupportedOperationError(operationId, `parameter ${name} uses style ${String(style)} / explode ${String(raw.explode)}`);
  }
  const schema = raw.schema as JsonSchema;
  return {
    name,
    in: location,
    required: raw.required === true || location === 'path',
    schema,
    examples: [...schemaExamples(raw), ...schemaExamples(schema)],
  };
}

function toRequestBody(operationId: string, raw: Raw | undefined): FuzzRequestBody | undefined {
  if (!raw) return undefined;
  const content = (raw.content ?? {}) as Record<string, Raw>;
  const mediaType = Object.keys(content).find(isJsonMediaType) ?? Object.keys(content)[0];
  if (mediaType === undefined) throw new UnsupportedOperationError(operationId, 'its request body documents no media type');
  const media = content[mediaType]!;
  const schema = (media.schema ?? {}) as JsonSchema;
  if (!isJsonMediaType(mediaType) && schema.type !== 'string') {
    throw new UnsupportedOperationError(operationId, `request body ${mediaType} is neither JSON nor a string`);
  }
  return { required: raw.required === true, mediaType, schema, examples: [...schemaExamples(media), ...schemaExamples(schema)] };
}

function toResponse(raw: Raw): DocumentedResponse {
  const content = (raw.content ?? {}) as Record<string, Raw>;
  const headers = (raw.headers ?? {}) as Record<string, Raw>;
  return {
    content: Object.fromEntries(
      Object.entries(content).map(([type, media]) => [type.toLowerCase(), media.schema as JsonSchema | undefined]),
    ),
    headers: Object.fromEntries(
      Object.entries(headers).map(([name, h]) => [
        name.toLowerCase(),
        { required: h.required === true, schema: h.schema as JsonSchema | undefined },
      ]),
    ),
  };
}

/** A requirement list that is empty, or holds `{}`, lets anonymous callers in. */
function securityOf(raw: unknown): FuzzOperation['security'] {
  const requirements = (raw ?? []) as Record<string, string[]>[];
  const secured = requirements.length > 0 && requirements.every((r) => Object.keys(r).length > 0);
  const scopes = [...new Set(requirements.flatMap((r) => Object.values(r).flat()))].sort();
  return { secured, scopes };
}

/** Whether a media type carries JSON (`application/json`, `application/problem+json`, ...). */
export function isJsonMediaType(mediaType: string): boolean {
  const type = mediaType.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}
