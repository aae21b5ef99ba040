import type { ContractDocument } from '../contract/contract-document.js';
import { pointerTarget } from '../contract/local-ref-resolver.js';

interface LinkObject {
  operationId?: string;
  parameters?: Record<string, unknown>;
}

/**
 * The `Location` of a created resource, from the response's own OpenAPI link to the GET
 * operation that reads it (`GetCreatedCustomer: getCustomer(customer_code: $response.body#/customer_code)`):
 * that operation's path with each parameter taken from the body. Undefined when no such link exists.
 */
export function locationFromLinks(
  document: ContractDocument['document'],
  links: Record<string, LinkObject> | undefined,
  body: unknown,
): string | undefined {
  for (const link of Object.values(links ?? {})) {
    const target = getOperationPath(document, link.operationId);
    if (!target) continue;
    let path: string | undefined = target;
    for (const [name, expression] of Object.entries(link.parameters ?? {})) {
      const match = typeof expression === 'string' ? /^\$response\.body#(\/.*)$/.exec(expression) : null;
      const value = match ? safePointer(body, match[1]!) : undefined;
      if (typeof value !== 'string' && typeof value !== 'number') path = undefined;
      else path = path?.replace(`{${name}}`, encodeURIComponent(String(value)));
    }
    if (path && !path.includes('{')) return path;
  }
  return undefined;
}

function getOperationPath(document: ContractDocument['document'], operationId: string | undefined): string | undefined {
  const paths = (document as { paths?: Record<string, Record<string, { operationId?: string }>> }).paths ?? {};
  for (const [path, item] of Object.entries(paths)) if (item.get?.operationId === operationId) return path;
  return undefined;
}

function safePointer(body: unknown, pointer: string): unknown {
  try {
    return pointerTarget(body, `#${pointer}`);
  } catch {
    return undefined;
  }
}
