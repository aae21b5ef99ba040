import type { Operation } from 'openapi-backend';

import type { OperationFacts, OperationSecurity } from '../../../src/contract/compiled-contract.js';

/** The contract uses something the compiled pipeline does not implement; the build stops and says what. */
export class UnsupportedContractError extends Error {
  override readonly name = 'UnsupportedContractError';
}

interface ParameterObject {
  name: string;
  in: string;
  style?: string;
  explode?: boolean;
  content?: unknown;
  schema?: { type?: unknown; items?: { type?: unknown } };
}

/**
 * The facts of each operation openapi-backend's router lists (dereferenced, path-level
 * parameters merged, the document's `security` applied where the operation has none). Refuses
 * what the pipeline would serve differently from openapi-backend: parameters in cookies, in
 * JSON or in non-exploded styles, bodies other than JSON, and security other than HTTP bearer.
 */
export function operationFacts(
  operations: Operation[],
  securitySchemes: Record<string, { type?: string; scheme?: string }>,
): OperationFacts[] {
  return operations.map((operation) => {
    const operationId = operation.operationId;
    if (!operationId) throw new UnsupportedContractError(`${operation.method.toUpperCase()} ${operation.path} has no operationId`);
    const where = `${operationId} (${operation.method.toUpperCase()} ${operation.path})`;
    const parameters = (operation.parameters ?? []) as ParameterObject[];
    for (const parameter of parameters) checkParameter(parameter, where);
    return {
      operationId,
      method: operation.method.toLowerCase(),
      path: operation.path,
      security: security(operation, securitySchemes, where),
      rateLimited: rateLimited(operation, where),
      requestBody: requestBody(operation, where),
      parameterLocations: Object.fromEntries(parameters.map((p) => [p.name, p.in])),
      arrayQueryParameters: arrayQueryParameters(parameters),
      headerParameters: parameters.some((p) => p.in === 'header'),
      integerParameters: integerParameters(parameters),
    };
  });
}

/**
 * `x-rate-limited: false` takes a probe out of the per-caller rate limit, so a load balancer's
 * or supervisor's health check sharing an address with clients is never throttled. Only a
 * public operation may say so: an authenticated one always counts against its caller.
 */
function rateLimited(operation: Operation, where: string): boolean {
  const declared = (operation as { 'x-rate-limited'?: unknown })['x-rate-limited'];
  if (declared === undefined) return true;
  if (typeof declared !== 'boolean') throw new UnsupportedContractError(`${where}: x-rate-limited must be true or false`);
  if (!declared && (operation.security ?? []).length > 0) {
    throw new UnsupportedContractError(`${where}: x-rate-limited: false is allowed only on a public operation (security: [])`);
  }
  return declared;
}

function checkParameter(parameter: ParameterObject, where: string): void {
  const name = `parameter ${parameter.name} of ${where}`;
  if (parameter.in === 'cookie') throw new UnsupportedContractError(`${name}: cookie parameters are not supported`);
  if (parameter.content !== undefined) throw new UnsupportedContractError(`${name}: parameters described by content are not supported`);
  if (parameter.explode === false || (parameter.style !== undefined && parameter.style !== 'form' && parameter.style !== 'simple')) {
    throw new UnsupportedContractError(`${name}: only the default style (form for query, simple for path), exploded, is supported`);
  }
}

/**
 * Query parameters openapi-backend wraps in an array when given once: the first declaration of
 * each name decides, as its lookup finds the first.
 */
function arrayQueryParameters(parameters: ParameterObject[]): string[] {
  const seen = new Set<string>();
  const arrays: string[] = [];
  for (const parameter of parameters) {
    if (parameter.in !== 'query' || seen.has(parameter.name)) continue;
    seen.add(parameter.name);
    if (parameter.schema?.type === 'array') arrays.push(parameter.name);
  }
  return arrays;
}

/** Parameters whose values are integers (or lists of them), by where they are sent: header names lower-cased, as Node gives them. */
function integerParameters(parameters: ParameterObject[]): OperationFacts['integerParameters'] {
  return parameters
    .filter((p) => isInteger(p.schema?.type) || (p.schema?.type === 'array' && isInteger(p.schema.items?.type)))
    .map((p) => ({ in: p.in as 'query' | 'path' | 'header', name: p.in === 'header' ? p.name.toLowerCase() : p.name }));
}

function isInteger(type: unknown): boolean {
  return type === 'integer' || (Array.isArray(type) && type.includes('integer'));
}

function requestBody(operation: Operation, where: string): OperationFacts['requestBody'] {
  const body = operation.requestBody as { required?: boolean; content?: Record<string, unknown> } | undefined;
  if (!body) return undefined;
  const mediaTypes = Object.keys(body.content ?? {});
  if (!mediaTypes.includes('application/json')) {
    throw new UnsupportedContractError(
      `${where}: a request body must be documented as application/json (got ${mediaTypes.join(', ') || 'none'})`,
    );
  }
  return { required: body.required === true, mediaTypes };
}

/**
 * Public when the operation lists no requirement. Otherwise every requirement must name HTTP
 * bearer schemes only, and the caller must hold every scope listed (what the security handlers
 * enforced before the pipeline was compiled).
 */
function security(operation: Operation, schemes: Record<string, { type?: string; scheme?: string }>, where: string): OperationSecurity {
  const requirements = (operation.security ?? []) as Record<string, string[]>[];
  if (requirements.length === 0) return undefined;
  const scopes = new Set<string>();
  for (const requirement of requirements) {
    const names = Object.keys(requirement);
    if (names.length === 0)
      throw new UnsupportedContractError(`${where}: optional authentication (an empty security requirement) is not supported`);
    for (const name of names) {
      const scheme = schemes[name];
      if (scheme?.type !== 'http' || scheme.scheme?.toLowerCase() !== 'bearer') {
        throw new UnsupportedContractError(`${where}: security scheme ${name} is not an HTTP bearer scheme`);
      }
      for (const scope of requirement[name] ?? []) scopes.add(scope);
    }
  }
  return { scopes: [...scopes] };
}
