import { pointerTarget, resolveLocalRefs } from '../contract/local-ref-resolver.js';
import type { DiscoveryRequestBody } from './discovery-types.js';

type Raw = Record<string, unknown>;

/** The request body: JSON when the operation takes JSON, with a schema that stands on its own. */
export function requestBody(document: Raw, raw: unknown): DiscoveryRequestBody | undefined {
  if (raw === undefined) return undefined;
  const body = derefOnce(document, raw as Raw) as {
    required?: boolean;
    description?: string;
    content?: Record<string, { schema?: unknown }>;
  };
  const types = Object.keys(body.content ?? {});
  const contentType = types.includes('application/json') ? 'application/json' : types[0];
  if (contentType === undefined) return undefined;
  return {
    required: body.required === true,
    contentType,
    schema: resolveLocalRefs(document, body.content![contentType]!.schema ?? {}, { cycles: 'bundle' }),
    ...(body.description !== undefined ? { description: body.description } : {}),
  };
}

/** The name of the component schema the success response is (`Customer`, `Customer[]`), when it is one. */
export function responseModel(document: Raw, operation: Raw): string | undefined {
  const schema = successSchema(document, operation, false) as { $ref?: string; type?: unknown; items?: { $ref?: string } } | undefined;
  const name = (ref: string | undefined) => /^#\/components\/schemas\/([^/]+)$/.exec(ref ?? '')?.[1];
  if (schema?.$ref) return name(schema.$ref);
  if (schema?.type === 'array' && schema.items?.$ref) return name(schema.items.$ref) && `${name(schema.items.$ref)}[]`;
  return undefined;
}

/** The schema of the lowest documented 2xx response, resolved or as written. */
export function successSchema(document: Raw, operation: Raw, resolved: boolean): unknown {
  const status = successStatusOf(operation);
  if (status === undefined) return undefined;
  const response = derefOnce(document, (operation.responses as Record<string, Raw>)[status]!) as {
    content?: Record<string, { schema?: unknown }>;
  };
  const media = Object.values(response.content ?? {})[0];
  if (media?.schema === undefined) return undefined;
  return resolved ? resolveLocalRefs(document, media.schema, { cycles: 'bundle' }) : media.schema;
}

/** The lowest documented 2xx status key of an operation. */
export function successStatusOf(operation: Raw): string | undefined {
  return Object.keys((operation.responses ?? {}) as Raw)
    .filter((s) => /^2\d\d$/.test(s))
    .sort()[0];
}

/** A Reference Object's target (one level), or the value itself. */
export function derefOnce(document: Raw, value: Raw): Raw {
  return typeof value.$ref === 'string' ? (pointerTarget(document, value.$ref) as Raw) : value;
}
