import type { AuthConfig, JwtKeySource } from './auth-config.js';
import { AuthenticationError } from './auth-errors.js';
import { type Authenticator, oncePerRequest, refusingUntrustedHeaders } from './authenticator.js';
import { bearerToken } from './bearer-token.js';
import { ensureDevSecret } from './dev-secret.js';
import { createGatewayAuthenticator } from './gateway-authenticator.js';
import { createJwtVerifier, type TokenVerifier, type VerificationKey } from './jwt-verifier.js';

/** The authenticator the configuration asks for: bearer JWT, or trusted gateway headers. */
export function createAuthenticator(config: AuthConfig): Authenticator {
  const verify = config.jwt ? createJwtVerifier(verificationKey(config.jwt), config) : undefined;
  const inner = config.trustedGateway ? createGatewayAuthenticator(verify) : bearerAuthenticator(verify!);
  return oncePerRequest(refusingUntrustedHeaders(inner, config.trustedGateway));
}

/** The key material for a configured key source (creating the development secret if needed). */
export function verificationKey(source: JwtKeySource): VerificationKey {
  switch (source.kind) {
    case 'secret':
      return { algorithm: 'HS256', key: new TextEncoder().encode(source.secret) };
    case 'dev-secret':
      return { algorithm: 'HS256', key: ensureDevSecret(source.file) };
    case 'public-key':
      return { algorithm: source.algorithm, key: source.key };
    case 'jwks':
      return { algorithm: 'jwks', url: source.url };
  }
}

function bearerAuthenticator(verify: TokenVerifier): Authenticator {
  return {
    // Not an async function: it hands on the verifier's promise instead of wrapping it in another.
    authenticate(request) {
      let token: string | undefined;
      try {
        token = bearerToken(request);
      } catch (error) {
        return Promise.reject(error);
      }
      if (token === undefined) {
        return Promise.reject(
          new AuthenticationError('This operation requires authentication: send Authorization: Bearer <token>', { tokenGiven: false }),
        );
      }
      return verify(token);
    },
  };
}
