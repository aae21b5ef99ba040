import type { OpenAPIBackend, Operation } from 'openapi-backend';

interface CompiledRoute {
  operation: Operation;
  method: string;
  pattern: RegExp;
  parameterNames: string[];
  /** Literal characters in the template: openapi-backend prefers the most specific match. */
  specificity: number;
}

type ParsedRequest = ReturnType<OpenAPIBackend['router']['parseRequest']>;
type RouterRequest = Parameters<OpenAPIBackend['router']['parseRequest']>[0];

/**
 * Replaces four openapi-backend router methods with versions precompiled from the same
 * operations, keeping their results and error messages:
 * - `getOperations` rebuilt the operation list (lodash chains) on every call, several times
 *   per request;
 * - `matchOperation` built a RegExp per operation per request;
 * - `normalizePath` built a RegExp from the API root on every call;
 * - `parseRequest` (run four times per request) spread the request into a new object,
 *   deep-cloned the query and recompiled the path template.
 * Operations using parameter styles this fast path does not implement (JSON-encoded or
 * non-exploded parameters, cookies) keep the library's own parser.
 */
export function precompileRouting(api: OpenAPIBackend): void {
  const router = api.router;
  const operations = router.getOperations();
  const libraryParse = router.parseRequest.bind(router);
  const routes = operations
    .map(compileRoute)
    .sort((a, b) => b.specificity - a.specificity);
  const byOperation = new Map(routes.map((route) => [route.operation, route]));
  const needsLibraryParser = new Set(operations.filter(usesUnsupportedParameterStyle));
  // `ignoreTrailingSlashes` is private in the typings; the library defaults it to true.
  const normalizePath = pathNormalizer(router.apiRoot, (router as unknown as { ignoreTrailingSlashes?: boolean }).ignoreTrailingSlashes !== false);

  router.getOperations = () => operations;
  router.getOperation = (operationId: string) => operations.find((op) => op.operationId === operationId);
  router.normalizePath = normalizePath;

  router.matchOperation = ((req: { method: string; path: string }, strict?: boolean) => {
    const path = normalizePath(stripQuery(req.path));
    const method = req.method.toLowerCase();
    let pathKnown = false;
    for (const route of routes) {
      if (!route.pattern.test(path)) continue;
      if (route.method === method) return route.operation;
      pathKnown = true;
    }
    if (!strict) return undefined;
    throw new Error(pathKnown ? '405-methodNotAllowed: this method is not registered for the route' : '404-notFound: no route matches request');
  }) as typeof router.matchOperation;

  router.parseRequest = ((req: RouterRequest, operation?: Operation): ParsedRequest => {
    if (operation && needsLibraryParser.has(operation)) return libraryParse(req, operation);
    const route = operation ? byOperation.get(operation) : undefined;
    const path = stripQuery(req.path);
    // One fixed shape (what the library's spread produced, without copying unknown fields).
    return {
      method: req.method.toLowerCase(),
      path,
      params: route && route.parameterNames.length > 0 ? pathParameters(route, normalizePath(path)) : {},
      headers: req.headers,
      query: copyQuery(req.query),
      cookies: {},
      body: req.body,
      requestBody: req.body,
    } as ParsedRequest;
  }) as typeof router.parseRequest;
}

/** openapi-backend's `normalizePath` (API root stripped, trailing slashes as configured) with its RegExp built once. */
function pathNormalizer(apiRoot: string, ignoreTrailingSlashes: boolean): (path: string) => string {
  const root = new RegExp(`^${apiRoot}/?`);
  return (input: string) => {
    let path = input.trim();
    if (path.startsWith(apiRoot)) path = path.replace(root, '/');
    if (ignoreTrailingSlashes) while (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
    return path;
  };
}

function compileRoute(operation: Operation): CompiledRoute {
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
  return {
    operation,
    method: operation.method.toLowerCase(),
    pattern: new RegExp(`^${source}$`),
    parameterNames,
    specificity: operation.path.replace(/\{.*?\}/g, '').length,
  };
}

function pathParameters(route: CompiledRoute, path: string): Record<string, string> {
  if (route.parameterNames.length === 0) return {};
  const match = route.pattern.exec(path);
  const params: Record<string, string> = {};
  route.parameterNames.forEach((name, i) => {
    const raw = match?.[i + 1];
    if (raw !== undefined) params[name] = safeDecode(raw);
  });
  return params;
}

/** A malformed escape stays as written, so the parameter's schema refuses it (a 400, not a crash). */
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function copyQuery(query: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  if (typeof query !== 'object' || query === null) return copy;
  const source = query as Record<string, unknown>;
  // for-in over own keys: Object.entries built an array of pairs on each of four calls per request.
  for (const name in source) {
    if (!Object.hasOwn(source, name)) continue;
    const value = source[name];
    const copied = Array.isArray(value) ? value.slice() : value;
    // A `__proto__` parameter is defined as an own property: it stays a parameter the validator
    // refuses as unknown, instead of silently replacing the copy's prototype.
    if (name === '__proto__') Object.defineProperty(copy, name, { value: copied, enumerable: true, writable: true, configurable: true });
    else copy[name] = copied;
  }
  return copy;
}

function stripQuery(path: string): string {
  const at = path.indexOf('?');
  return at === -1 ? path : path.slice(0, at);
}

function usesUnsupportedParameterStyle(operation: Operation): boolean {
  return (operation.parameters ?? []).some((p) => {
    const parameter = p as { in?: string; explode?: boolean; content?: unknown };
    return parameter.in === 'cookie' || parameter.explode === false || parameter.content !== undefined;
  });
}
