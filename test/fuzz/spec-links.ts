import { resolveLocalRefs } from '../../src/contract/local-ref-resolver.js';
import { type FuzzOperation, HTTP_METHODS, type ParameterLocation, UnsupportedOperationError } from './spec-operations.js';

/** One parameter a link fills in on the operation it leads to. */
export interface LinkParameter {
  name: string;
  in: ParameterLocation;
  /** An OpenAPI runtime expression such as `$response.body#/customer_code`. */
  expression: string;
}

/** An OpenAPI link: a response of one operation leads to another operation. */
export interface FuzzLink {
  /** `createCustomer 201 -> getCustomer (GetCreatedCustomer)`, for test names and reports. */
  title: string;
  name: string;
  from: FuzzOperation;
  /** The status key the link hangs on (`201`). */
  status: string;
  to: FuzzOperation;
  parameters: LinkParameter[];
}

type Raw = Record<string, unknown>;

/**
 * Every link the contract documents, between operations of `operations`. A link the fuzzer
 * cannot follow (an `operationRef`, a request body, a parameter the target does not have) is
 * an error rather than a silent skip.
 */
export function specLinks(document: Raw, operations: FuzzOperation[]): FuzzLink[] {
  const byId = new Map(operations.map((operation) => [operation.operationId, operation]));
  const links: FuzzLink[] = [];
  for (const rawItem of Object.values((document.paths ?? {}) as Record<string, Raw>)) {
    const item = resolveLocalRefs(document, rawItem);
    for (const method of HTTP_METHODS) {
      const operation = item[method] as Raw | undefined;
      if (!operation || typeof operation.operationId !== 'string') continue;
      const from = byId.get(operation.operationId)!;
      for (const [status, response] of Object.entries((operation.responses ?? {}) as Record<string, Raw>)) {
        for (const [name, link] of Object.entries((response.links ?? {}) as Record<string, Raw>)) {
          links.push(toLink(from, status, name, link, byId));
        }
      }
    }
  }
  return links;
}

function toLink(from: FuzzOperation, status: string, name: string, link: Raw, byId: Map<string, FuzzOperation>): FuzzLink {
  const unsupported = (what: string) => new UnsupportedOperationError(from.operationId, `link ${name}: ${what}`);
  if (typeof link.operationId !== 'string') throw unsupported('only links by operationId are supported');
  if (link.requestBody !== undefined) throw unsupported('links with a requestBody are not supported');
  const to = byId.get(link.operationId);
  if (!to) throw unsupported(`it leads to ${link.operationId}, which the contract does not define`);
  const parameters = Object.entries((link.parameters ?? {}) as Record<string, unknown>).map(([key, expression]): LinkParameter => {
    // A key may name the location (`path.customer_code`) when two parameters share a name.
    const [qualifier, unqualified] = key.includes('.') ? key.split(/\.(.*)/s) : [undefined, key];
    const target = to.parameters.find((p) => p.name === unqualified && (qualifier === undefined || p.in === qualifier));
    if (!target) throw unsupported(`${to.operationId} has no parameter ${key}`);
    if (typeof expression !== 'string') throw unsupported(`parameter ${key} is not given as a runtime expression`);
    return { name: target.name, in: target.in, expression };
  });
  const missing = to.parameters.filter((p) => p.required && !parameters.some((l) => l.name === p.name && l.in === p.in));
  if (missing.length > 0) throw unsupported(`it leaves ${missing.map((p) => `${p.in}.${p.name}`).join(', ')} of ${to.operationId} unset`);
  return { title: `${from.operationId} ${status} -> ${to.operationId} (${name})`, name, from, status, to, parameters };
}
