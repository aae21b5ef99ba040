import { deref, HTTP_METHODS, type OpenApiDocument } from './openapi-document.js';

/** One operation, with the path-level parameters merged into its own. */
export interface IndexedOperation {
  /** `GET /customers` */
  key: string;
  method: string;
  path: string;
  operationId: string | undefined;
  operation: Record<string, any>;
  /** Resolved parameters keyed `in:name` (header names lower-cased). */
  parameters: Map<string, Record<string, any>>;
}

/** Every operation of a document keyed `METHOD path`. */
export function indexOperations(document: OpenApiDocument): Map<string, IndexedOperation> {
  const index = new Map<string, IndexedOperation>();
  for (const [path, rawItem] of Object.entries(document.paths ?? {})) {
    const item = deref(document, rawItem) ?? {};
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = new Map<string, Record<string, any>>();
      for (const raw of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
        const parameter = deref(document, raw);
        if (!parameter?.name) continue;
        const name = parameter.in === 'header' ? String(parameter.name).toLowerCase() : parameter.name;
        parameters.set(`${parameter.in}:${name}`, parameter);
      }
      const key = `${method.toUpperCase()} ${path}`;
      index.set(key, { key, method, path, operationId: operation.operationId, operation, parameters });
    }
  }
  return index;
}

/** The path template with parameter names blanked, so `/a/{id}` and `/a/{code}` compare equal. */
export function pathShape(path: string): string {
  return path.replace(/\{[^}]+\}/g, '{}');
}
