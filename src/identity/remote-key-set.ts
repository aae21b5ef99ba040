import { createRemoteJWKSet, errors, type JWTVerifyGetKey } from 'jose';

import { IdentityProviderUnavailableError } from './auth-errors.js';

/**
 * The identity provider's key set (jose's createRemoteJWKSet, fetched and cached), with its
 * failures told apart. A token naming a key the set does not have is the token's fault (401,
 * as jose reports it). Anything else that goes wrong while getting the key is the provider's:
 * unreachable, timed out, an answer other than 200, a body that is not a key set, a key that
 * cannot be imported. Those become IdentityProviderUnavailableError (503 with Retry-After)
 * instead of a 500, or a 401 blaming a token that may be fine.
 */
export function remoteKeySet(url: URL): JWTVerifyGetKey {
  const keySet = createRemoteJWKSet(url);
  return (protectedHeader, token) =>
    keySet(protectedHeader, token).catch((error: unknown) => {
      throw isTokenFault(error) ? error : new IdentityProviderUnavailableError(error);
    });
}

// JWKSMultipleMatchingKeys is not a failure: jwtVerify tries each candidate key it carries.
function isTokenFault(error: unknown): boolean {
  return error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys;
}
