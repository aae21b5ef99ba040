import type { FetchOptions } from 'openapi-fetch';

import type { TutorialApiClient } from './create-client.js';
import { nextLinkTarget, pathUnderBase } from './link-header.js';
import type { paths } from './openapi.js';
import { type ClientResult, unwrap } from './problem-error.js';

/** The element type of a response whose JSON body is an array, or never. */
type JsonArrayItem<Response> = Response extends { content: { 'application/json': infer Body } }
  ? Body extends readonly (infer Item)[]
    ? Item
    : never
  : never;

/** The 200 answer of a path's GET, or never. */
type GetOk<P extends keyof paths> = paths[P] extends { get: { responses: { 200: infer Ok } } } ? Ok : never;

/** The paths whose GET answers a JSON array: the lists `paginate` can walk. */
export type PaginatedPath = { [P in keyof paths]: [JsonArrayItem<GetOk<P>>] extends [never] ? never : P }[keyof paths];

/** One element of a paginated list. */
export type PageItem<P extends PaginatedPath> = JsonArrayItem<GetOk<P>>;

/** What the first request of `paginate` sends: the list operation's parameters. */
export type PaginateInit<P extends PaginatedPath> = FetchOptions<paths[P] extends { get: infer Get } ? Get : never>;

type UntypedGet = (path: string, init?: object) => Promise<ClientResult>;

/**
 * Every element of a list, page after page: requests `path` with `init`, yields the page's
 * elements, then follows the answer's `Link: <...>; rel="next"` (resolved against the client's
 * `baseUrl`) until an answer has none. An error answer throws a `ProblemError`; a next link
 * that points outside `baseUrl` or back to a page already read throws an `Error`.
 *
 * ```ts
 * for await (const customer of paginate(api, '/customers', { params: { query: { region: 'EU' } } })) { ... }
 * ```
 */
export async function* paginate<P extends PaginatedPath>(
  client: TutorialApiClient,
  path: P,
  init?: PaginateInit<P>,
): AsyncGenerator<PageItem<P>, void, undefined> {
  // Later pages are whatever path and query the link names, which no path template types.
  const get = client.GET as unknown as UntypedGet;
  const { params: _firstPageParams, ...sameEveryPage } = init ?? {};
  const visited = new Set<string>();
  let result = await get(path, init);
  for (;;) {
    const page = unwrap(result);
    if (!Array.isArray(page)) throw new TypeError(`paginate: ${result.response.url} did not answer a JSON array`);
    yield* page as PageItem<P>[];
    const target = nextLinkTarget(result.response.headers.get('link'));
    if (target === undefined) return;
    const next = pathUnderBase(target, client.baseUrl);
    if (visited.has(next)) throw new Error(`paginate: the next-page link ${target} leads back to a page already read`);
    visited.add(next);
    result = await get(next, sameEveryPage);
  }
}
