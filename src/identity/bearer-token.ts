import type { IncomingHttpHeaders } from 'node:http';
import { AuthenticationError } from './auth-errors.js';

// RFC 6750 b64token, which every compact JWT satisfies.
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * The bearer token of `Authorization: Bearer <token>`, or undefined when no Authorization
 * header was sent. A header in any other shape is refused rather than ignored.
 */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer +(\S+)\s*$/i.exec(header);
  if (!match) {
    const bearer = /^Bearer\b/i.test(header);
    throw new AuthenticationError('The Authorization header must be "Bearer <token>"', { tokenGiven: bearer });
  }
  if (!B64TOKEN.test(match[1]!)) throw new AuthenticationError('The bearer token is malformed', { tokenGiven: true });
  return match[1];
}

/** The single value of a header, undefined when absent; a repeated header is refused. */
export function singleHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  if (Array.isArray(value)) throw new AuthenticationError(`The ${name} header must be sent once`, { tokenGiven: false });
  const trimmed = value?.trim();
  return trimmed === '' ? undefined : trimmed;
}
