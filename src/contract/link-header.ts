/** A `Link` header value pointing at `path` with `query`, e.g. `</customers?limit=7&cursor=..>; rel="next"`. */
export function linkHeader(path: string, query: Record<string, string | number | undefined>, rel: string): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  return `<${path}?${params.toString()}>; rel="${rel}"`;
}

/**
 * The path of an operation's own template with its parameters filled in, percent-encoded
 * (`/customers/{customer_code}` -> `/customers/A%20B`): what links are built from, never the
 * path the request came in on, whose spelling the caller chose.
 */
export function operationPath(template: string, parameters: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(parameters[name] ?? '')));
}
