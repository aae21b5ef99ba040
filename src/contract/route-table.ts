import type { CompiledOperation } from './compiled-contract.js';

/** Where a request goes: an operation with its path parameters, or why none. */
export type RouteMatch =
  | { readonly kind: 'operation'; readonly operation: CompiledOperation; readonly pathParameters: Record<string, string> }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'method-not-allowed'; readonly allowed: readonly string[] };

interface Route {
  readonly operation: CompiledOperation;
  readonly pattern: RegExp;
  readonly parameterNames: readonly string[];
}

/** Methods a 405 lists, in this order (openapi-backend's routable methods without options, head and trace). */
const LISTED_METHODS = ['get', 'put', 'post', 'delete', 'patch'];

const NOT_FOUND: RouteMatch = Object.freeze({ kind: 'not-found' });

/**
 * Routes requests to the contract's operations as openapi-backend's router does (the oracle
 * suite holds the two together, but for paths with empty segments, see normalizePath): the
 * query string is ignored, one trailing slash is dropped, a
 * literal path wins over a template and among templates the one with the most literal
 * characters wins; a path that matches but not with this method is a 405, one that matches
 * nothing a 404. Path parameters are percent-decoded; a malformed escape stays as written (the
 * library throws there) so the parameter's schema refuses it with a 400.
 *
 * Why not openapi-backend's `matchOperation` at run time: it lists the operations again
 * (lodash chains) and builds a RegExp per operation on every call; this table builds them once
 * from the route table compiled at build time.
 */
export class RouteTable {
  readonly #literal = new Map<string, Map<string, CompiledOperation>>();
  readonly #templates: Route[];

  constructor(operations: readonly CompiledOperation[]) {
    for (const operation of operations) {
      let byMethod = this.#literal.get(operation.path);
      if (!byMethod) this.#literal.set(operation.path, (byMethod = new Map()));
      if (!byMethod.has(operation.method)) byMethod.set(operation.method, operation);
    }
    this.#templates = operations.map(compileRoute).sort((a, b) => literalLength(b.operation.path) - literalLength(a.operation.path));
  }

  /** The operation `method` (HEAD is routed as GET) on `rawPath` (as received: percent-encoded, maybe with a query string). */
  match(method: string, rawPath: string): RouteMatch {
    const path = normalizePath(rawPath);
    if (path === undefined) return NOT_FOUND;
    const wanted = method === 'HEAD' ? 'get' : method.toLowerCase();
    const literal = this.#literal.get(path)?.get(wanted);
    if (literal)
      return { kind: 'operation', operation: literal, pathParameters: literal.path.includes('{') ? this.#parameters(literal, path) : {} };
    let pathKnown = false;
    for (const route of this.#templates) {
      if (!route.pattern.test(path)) continue;
      if (route.operation.method === wanted)
        return { kind: 'operation', operation: route.operation, pathParameters: pathParameters(route, path) };
      pathKnown = true;
    }
    return pathKnown ? { kind: 'method-not-allowed', allowed: this.#allowed(path) } : NOT_FOUND;
  }

  #parameters(operation: CompiledOperation, path: string): Record<string, string> {
    const route = this.#templates.find((candidate) => candidate.operation === operation)!;
    return pathParameters(route, path);
  }

  #allowed(path: string): string[] {
    const methods = new Set(this.#templates.filter((route) => route.pattern.test(path)).map((route) => route.operation.method));
    return LISTED_METHODS.filter((method) => methods.has(method)).map((method) => method.toUpperCase());
  }
}

/**
 * openapi-backend 5.20's normalisation with the default API root `/` (trimmed, query string
 * dropped, a leading slash, no trailing one), except that a path with an empty segment
 * (`//customers`, `/customers/ACME//`) is no path at all: undefined, a 404. The library maps
 * `//customers` to `/customers` and drops every trailing slash; a path that names a resource
 * in two spellings lets a client (or a `Link` built from it) resolve `//customers` to a host
 * named `customers`. One trailing slash stays tolerated, as the library tolerates it. The oracle
 * suite records the difference as a named divergence.
 */
function normalizePath(rawPath: string): string | undefined {
  let path = rawPath.trim();
  const query = path.indexOf('?');
  if (query !== -1) path = path.slice(0, query);
  if (!path.startsWith('/')) path = `/${path}`;
  if (path.includes('//')) return undefined;
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

function compileRoute(operation: CompiledOperation): Route {
  const parameterNames: string[] = [];
  const source = operation.path
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      parameterNames.push(name);
      return '([^/]+)';
    })
    .join('');
  return { operation, pattern: new RegExp(`^${source}$`), parameterNames };
}

/** Characters of a path template outside its `{parameters}`: how specific it is. */
function literalLength(template: string): number {
  return template.replace(/\{.*?\}/g, '').length;
}

function pathParameters(route: Route, path: string): Record<string, string> {
  const parameters: Record<string, string> = {};
  if (route.parameterNames.length === 0) return parameters;
  const match = route.pattern.exec(path);
  route.parameterNames.forEach((name, i) => {
    const raw = match?.[i + 1];
    if (raw !== undefined) parameters[name] = decodeOrKeep(raw);
  });
  return parameters;
}

function decodeOrKeep(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
