import { type FuzzRequest, withSummary } from './fuzz-request.js';
import { parsedBody, pointerSegments, pointerTarget, UnsupportedExpressionError } from './runtime-expression.js';
import type { ObservedResponse } from './send-request.js';
import type { FuzzLink } from './spec-links.js';

/** More pages than any fuzz app holds; past this a listing that never ends is a failure. */
const MAX_PAGES = 100;

/**
 * Walks every page of the listing `listing` starts from (its bare request, then each
 * `Link: <...>; rel="next"`), looking for the item from which `listing` would lead to the
 * same request as `target`: for `$response.body#/0/customer_code`, the item whose
 * `customer_code` is the one `target` asks for. Resolves to that item (undefined when no page
 * has it) and the number of pages read; `send` sends a request and checks its answer.
 */
export async function listedItem(
  listing: FuzzLink,
  target: FuzzRequest,
  send: (request: FuzzRequest) => Promise<ObservedResponse>,
): Promise<{ item: unknown; pages: number }> {
  if (listing.from.parameters.some((p) => p.required)) {
    throw new Error(`${listing.title}: a listing with required parameters cannot be walked from a bare request`);
  }
  const keys = listing.parameters.map((parameter) => ({ path: itemPath(parameter.expression), wanted: targetValue(target, parameter) }));
  let request: FuzzRequest | undefined = pageRequest(listing.from.operationId, listing.from.path, []);
  let pages = 0;
  while (request && pages < MAX_PAGES) {
    const response = await send(request);
    pages += 1;
    const items = parsedBody(response);
    if (response.status !== 200 || !Array.isArray(items)) return { item: undefined, pages };
    const item = items.find((candidate) => keys.every(({ path, wanted }) => String(pointerTarget(candidate, path)) === wanted));
    if (item !== undefined) return { item, pages };
    request = nextPage(listing.from.operationId, response);
  }
  return { item: undefined, pages };
}

/** `#/0/customer_code` -> ['customer_code']: where in one item of the page the link's value sits. */
function itemPath(expression: string): string[] {
  const pointer = /^\$response\.body#(\/\d+\/.+)$/s.exec(expression)?.[1];
  if (pointer === undefined) throw new UnsupportedExpressionError(`${expression} (a listing link must point into an item of the page)`);
  return pointerSegments(pointer).slice(1);
}

function targetValue(target: FuzzRequest, parameter: FuzzLink['parameters'][number]): string | undefined {
  if (parameter.in === 'path') return target.pathParams[parameter.name];
  if (parameter.in === 'header') return target.headers[parameter.name];
  return target.query.find(([name]) => name === parameter.name)?.[1];
}

function pageRequest(operationId: string, path: string, query: [string, string][]): FuzzRequest {
  return withSummary({
    operationId,
    method: 'GET',
    pathTemplate: path,
    pathParams: {},
    query,
    headers: {},
    body: undefined,
    mutation: undefined,
    mustReject: false,
  });
}

/** The request for the page a `Link: <url>; rel="next"` header names, if any. */
function nextPage(operationId: string, response: ObservedResponse): FuzzRequest | undefined {
  const header = response.headers.link;
  const url = /<([^>]+)>\s*;\s*rel="?next"?/.exec(Array.isArray(header) ? header.join(', ') : (header ?? ''))?.[1];
  if (url === undefined) return undefined;
  const parsed = new URL(url, 'http://link.invalid');
  return pageRequest(operationId, parsed.pathname, [...parsed.searchParams]);
}
