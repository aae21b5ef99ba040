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
