import { AuthenticationError } from './auth-errors.js';
import type { CredentialsCarrier } from './authenticator.js';

// RFC 6750 b64token, which every compact JWT satisfies.
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * The bearer token of `Authorization: Bearer <token>`, or undefined when no Authorization
 * header was sent. A header in any other shape, or sent twice, is refused rather than ignored.
 */
export function bearerToken(request: CredentialsCarrier): string | undefined {
  const header = onlyValue(request, 'authorization');
  if (header === undefined) return undefined;
  const match = /^Bearer +(\S+)\s*$/i.exec(header);
  if (!match) {
    const bearer = /^Bearer\b/i.test(header);
    throw new AuthenticationError('The Authorization header must be "Bearer <token>"', { tokenGiven: bearer });
  }
  if (!B64TOKEN.test(match[1]!)) throw new AuthenticationError('The bearer token is malformed', { tokenGiven: true });
  return match[1];
}

/** The single value of a header, trimmed, undefined when absent or empty; a repeated header is refused. */
export function singleHeader(request: CredentialsCarrier, name: string): string | undefined {
  const trimmed = onlyValue(request, name)?.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The value of a header sent at most once (`name` lower-case); sent twice or more, it is a 401. */
function onlyValue(request: CredentialsCarrier, name: string): string | undefined {
  const values = request.headersDistinct[name];
  if (values === undefined) return undefined;
  if (values.length > 1) throw new AuthenticationError(`The ${name} header must be sent once`, { tokenGiven: name === 'authorization' });
  return values[0];
}
