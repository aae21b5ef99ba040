/** A `Link` header value pointing at `path` with `query`, e.g. `</customers?limit=7&cursor=..>; rel="next"`. */
export function linkHeader(path: string, query: Record<string, string | number | undefined>, rel: string): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  return `<${path}?${params.toString()}>; rel="${rel}"`;
}
