/**
 * The target of the `rel="next"` link in an RFC 8288 `Link` header, or undefined when there is
 * none. Handles several links in one header, quoted or bare `rel` values and relation lists
 * (`rel="next last"`).
 */
export function nextLinkTarget(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const match of header.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]+)*)/g)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(match[2] ?? '');
    const relations = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (relations.includes('next')) return match[1];
  }
  return undefined;
}

/**
 * The request path (with its query) that reaches `target` through a client rooted at
 * `baseUrl`. A root-relative target (`/customers?cursor=...`, what this service sends) is a path
 * of the API, so it is appended to `baseUrl` (which may end in a prefix such as `/api`); any
 * other reference is resolved against `baseUrl` and must stay under it, so the client's
 * credentials never go to another origin.
 */
export function pathUnderBase(target: string, baseUrl: string): string {
  if (target.startsWith('/') && !target.startsWith('//')) return target;
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  const url = new URL(target, base);
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) {
    throw new Error(`The next-page link ${target} leads outside ${baseUrl}; it is not followed with this client's credentials`);
  }
  return `/${url.pathname.slice(base.pathname.length)}${url.search}`;
}
