// paginate() against local servers that send the Link headers a real deployment may send:
// root-relative (this service), absolute, under a path prefix, pointing elsewhere, looping.
import { createServer } from 'node:http';

import { afterEach, describe, expect, it } from 'vitest';

import { createClient, type PageItem, paginate, ProblemError } from '../../clients/typescript/src/index.js';
import { nextLinkTarget } from '../../clients/typescript/src/link-header.js';
import { startedServers } from '../support/local-server.js';

const servers = startedServers();
afterEach(servers.closeAll);

type Customer = PageItem<'/customers'>;
const customer = (id: number): Customer => ({ id, customer_code: `C${id}`, name: `Customer ${id}`, region: 'EU' });

/**
 * A list of `total` customers served `size` per page at `<prefix>/customers`, with a next link
 * built by `link(afterId)`; records the URLs asked for.
 */
async function listServer(total: number, size: number, link: (after: number, baseUrl: string) => string, prefix = '') {
  const asked: string[] = [];
  let baseUrl = '';
  const server = createServer((request, response) => {
    asked.push(request.url ?? '');
    const url = new URL(request.url ?? '/', 'http://x');
    if (url.pathname !== `${prefix}/customers`) {
      response.writeHead(404, { 'content-type': 'application/problem+json' });
      return response.end(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, detail: `no ${url.pathname}` }));
    }
    const after = Number(url.searchParams.get('cursor') ?? 0);
    const rows = Array.from({ length: Math.max(0, Math.min(size, total - after)) }, (_, i) => customer(after + i + 1));
    const last = rows.at(-1)?.id ?? after;
    response.writeHead(200, { 'content-type': 'application/json', ...(last < total ? { link: link(last, baseUrl) } : {}) });
    response.end(JSON.stringify(rows));
  });
  baseUrl = await servers.listen(server);
  return { baseUrl, asked };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe('paginate', () => {
  it('when pages link root-relative next pages, yields every element once, in order, with the first query sent once', async () => {
    const { baseUrl, asked } = await listServer(7, 3, (after) => `</customers?region=EU&limit=3&cursor=${after}>; rel="next"`);
    const api = createClient({ baseUrl });
    const all = await collect(paginate(api, '/customers', { params: { query: { region: 'EU', limit: 3 } } }));
    expect(all.map((c) => c.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(asked).toEqual([
      '/customers?region=EU&limit=3',
      '/customers?region=EU&limit=3&cursor=3',
      '/customers?region=EU&limit=3&cursor=6',
    ]);
  });

  it('when the next link is absolute under baseUrl, follows it', async () => {
    const { baseUrl } = await listServer(5, 2, (after, base) => `<${base}/customers?cursor=${after}>; rel="next"`);
    expect((await collect(paginate(createClient({ baseUrl }), '/customers'))).map((c) => c.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('when baseUrl has a path prefix, root-relative links are sent under that prefix', async () => {
    const { baseUrl, asked } = await listServer(4, 2, (after) => `</customers?cursor=${after}>; rel="next"`, '/api');
    const all = await collect(paginate(createClient({ baseUrl: `${baseUrl}/api` }), '/customers'));
    expect(all.map((c) => c.id)).toEqual([1, 2, 3, 4]);
    expect(asked).toEqual(['/api/customers', '/api/customers?cursor=2']);
  });

  it('when the next link points at another origin, throws instead of sending the credentials there', async () => {
    const { baseUrl, asked } = await listServer(5, 2, (after) => `<http://evil.example/customers?cursor=${after}>; rel="next"`);
    const pages = paginate(createClient({ baseUrl, token: 'secret' }), '/customers');
    await expect(collect(pages)).rejects.toThrow(/leads outside http:\/\/127\.0\.0\.1:\d+; it is not followed/);
    expect(asked).toHaveLength(1);
  });

  it('when the next link leads back to a page already read, throws instead of looping for ever', async () => {
    const { baseUrl } = await listServer(5, 2, () => `</customers?cursor=2>; rel="next"`);
    await expect(collect(paginate(createClient({ baseUrl }), '/customers'))).rejects.toThrow(/leads back to a page already read/);
  });

  it('when a page is answered with a problem, throws a ProblemError', async () => {
    const { baseUrl } = await listServer(5, 2, (after) => `</elsewhere?cursor=${after}>; rel="next"`);
    const failure = await collect(paginate(createClient({ baseUrl }), '/customers')).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ProblemError);
    expect((failure as ProblemError).status).toBe(404);
  });
});

describe('nextLinkTarget', () => {
  it('when the header holds several links, relation lists or bare rel values, finds the next one', () => {
    expect(nextLinkTarget('</a?p=1>; rel="prev", </a?p=3>; rel="next"')).toBe('/a?p=3');
    expect(nextLinkTarget('<https://h/a?p=3>; title="x"; rel="next last"')).toBe('https://h/a?p=3');
    expect(nextLinkTarget('</a?p=3>;rel=next')).toBe('/a?p=3');
    expect(nextLinkTarget('</a?p=3>; rel="nextpage"')).toBeUndefined();
    expect(nextLinkTarget(null)).toBeUndefined();
  });
});
