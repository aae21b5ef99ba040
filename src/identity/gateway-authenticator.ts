import { decodeJwt } from 'jose';

import { AuthenticationError } from './auth-errors.js';
import { type Authenticator, UUID_PATTERN } from './authenticator.js';
import { bearerToken, singleHeader } from './bearer-token.js';
import type { TokenVerifier } from './jwt-verifier.js';
import { parseScopes } from './scopes.js';

/**
 * Trusted-gateway mode: a platform gateway in front of the service has authenticated the
 * caller and says who it is in `X-User-UID` (a UUID), `X-Username`, optionally `X-User-Email`
 * and `X-User-Scopes` (space-separated). When the request also carries a bearer token, its
 * `sub` must name the same user: verified with `verify` when a key is configured (its scopes
 * then win), otherwise only decoded, since the gateway has verified it.
 */
export function createGatewayAuthenticator(verify: TokenVerifier | undefined): Authenticator {
  return {
    async authenticate(request) {
      const uid = singleHeader(request, 'x-user-uid');
      if (uid === undefined)
        throw new AuthenticationError('The gateway did not identify the caller (X-User-UID is missing)', { tokenGiven: false });
      if (!UUID_PATTERN.test(uid)) throw new AuthenticationError('X-User-UID must be a UUID', { tokenGiven: false });
      const username = singleHeader(request, 'x-username');
      if (username === undefined)
        throw new AuthenticationError('The gateway did not name the caller (X-Username is missing)', { tokenGiven: false });
      let scopes = parseScopes(singleHeader(request, 'x-user-scopes'));

      const token = bearerToken(request);
      if (token !== undefined) {
        const verified = verify ? await verify(token) : undefined;
        const sub = verified ? verified.user.id : unverifiedSubject(token);
        if (sub?.toLowerCase() !== uid.toLowerCase()) {
          throw new AuthenticationError('The bearer token names a different user than X-User-UID', { tokenGiven: true });
        }
        if (verified) scopes = verified.scopes;
      }
      return { user: Object.freeze({ id: uid.toLowerCase(), username, email: singleHeader(request, 'x-user-email') ?? null }), scopes };
    },
  };
}

function unverifiedSubject(token: string): string | undefined {
  try {
    return decodeJwt(token).sub;
  } catch (error) {
    throw new AuthenticationError('The bearer token is malformed', { tokenGiven: true, cause: error });
  }
}
