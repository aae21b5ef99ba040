/** Query parameters whose values are credentials (compared case-insensitively): censored in every logged URL. */
export const REDACTED_QUERY_PARAMETERS: ReadonlySet<string> = new Set([
  'access_token',
  'accesstoken',
  'token',
  'id_token',
  'refresh_token',
  'api_key',
  'apikey',
  'api-key',
  'key',
  'secret',
  'client_secret',
  'password',
  'passwd',
  'auth',
  'authorization',
  'jwt',
  'signature',
  'sig',
  'code',
  'session',
  'sessionid',
]);

/** What a censored value reads in the logs. */
export const CENSOR = '[redacted]';

/** `url` with the value of every credential query parameter (see REDACTED_QUERY_PARAMETERS) replaced by `[redacted]`. */
export function censorUrlCredentials(url: string): string {
  const queryAt = url.indexOf('?');
  if (queryAt === -1) return url;
  let changed = false;
  const pairs = url
    .slice(queryAt + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals === -1 ? pair : pair.slice(0, equals);
      if (!REDACTED_QUERY_PARAMETERS.has(decodedName(name).toLowerCase())) return pair;
      changed = true;
      return `${name}=${CENSOR}`;
    });
  return changed ? `${url.slice(0, queryAt + 1)}${pairs.join('&')}` : url;
}

function decodedName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

/**
 * Query parameters refused outright (compared case-insensitively, once percent-decoded): a
 * bearer token or API key in a URL ends up in browser histories, proxy logs and `Referer`
 * headers, so the service answers 400 instead of reading it. The access log still censors the
 * wider REDACTED_QUERY_PARAMETERS list in every URL it writes, these included.
 */
export const REFUSED_QUERY_CREDENTIALS: ReadonlySet<string> = new Set(['access_token', 'token', 'api_key']);

/** The first query parameter (as the caller spelt it) whose name is a refused credential, or undefined. */
export function credentialInQuery(query: Record<string, unknown>): string | undefined {
  for (const name in query) if (Object.hasOwn(query, name) && REFUSED_QUERY_CREDENTIALS.has(name.toLowerCase())) return name;
  return undefined;
}
