import { parse } from 'yaml';

/** A parsed OpenAPI document, read loosely: the differ only needs paths and components. */
export type OpenApiDocument = Record<string, any>;

/** A JSON Schema (or a `$ref` to one) as found in the document. */
export type Schema = Record<string, any>;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Parses an OpenAPI YAML/JSON text; the error names which side failed. */
export function parseOpenApi(text: string, label: string): OpenApiDocument {
  const document = parse(text) as OpenApiDocument | null;
  if (!document || typeof document !== 'object' || typeof document.openapi !== 'string') {
    throw new Error(`${label} is not an OpenAPI document`);
  }
  return document;
}

/** Follows local `$ref`s (`#/components/...`) until a non-reference object is reached. */
export function deref<T = Record<string, any>>(document: OpenApiDocument, value: unknown, seen = new Set<string>()): T | undefined {
  if (!value || typeof value !== 'object') return value as T | undefined;
  const ref = (value as { $ref?: unknown }).$ref;
  if (typeof ref !== 'string') return value as T;
  if (!ref.startsWith('#/') || seen.has(ref)) return undefined;
  seen.add(ref);
  const target = ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<any>((node, key) => (node == null ? undefined : node[key]), document);
  return deref<T>(document, target, seen);
}

/** The first component of `info.version` (`2` in `2.1.0`), or undefined when not semver-like. */
export function majorVersion(document: OpenApiDocument): number | undefined {
  const match = /^v?(\d+)/.exec(String(document.info?.version ?? ''));
  return match ? Number(match[1]) : undefined;
}
