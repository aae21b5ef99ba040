import { type KeyObject, webcrypto } from 'node:crypto';

import { errors, type JWTPayload, jwtVerify, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';

import { AuthenticationError } from './auth-errors.js';
import type { AuthenticatedCaller } from './authenticator.js';
import { UUID_PATTERN } from './authenticator.js';
import { remoteKeySet } from './remote-key-set.js';
import { parseScopes } from './scopes.js';

/** Verifies one compact JWT and returns the caller it names, or throws AuthenticationError. */
export type TokenVerifier = (token: string) => Promise<AuthenticatedCaller>;

/** A verification key with the only algorithms it may be used with. */
export type VerificationKey =
  | { readonly algorithm: 'HS256'; readonly key: Uint8Array }
  | { readonly algorithm: 'RS256' | 'ES256'; readonly key: KeyObject }
  | { readonly algorithm: 'jwks'; readonly url: URL };

/** What every token must say about who issued it and for whom. */
export interface ExpectedClaims {
  issuer?: string | undefined;
  audience?: string | undefined;
}

/**
 * A verifier built on jose. The accepted algorithms are pinned by the kind of key, so a token
 * signed with `alg: none`, or with HS256 using a public key as the secret, never verifies.
 * `exp` and `sub` are required, `sub` must be a UUID.
 */
export function createJwtVerifier(key: VerificationKey, expected: ExpectedClaims): TokenVerifier {
  const jwks: JWTVerifyGetKey | undefined = key.algorithm === 'jwks' ? remoteKeySet(key.url) : undefined;
  // Import an HS256 secret once: handing jose raw bytes made it import a key on every call. It is
  // imported when the first token comes, not at start-up: importing loads WebCrypto, which no cold start needs.
  let hmacKey: Promise<webcrypto.CryptoKey> | undefined;
  const hmac =
    key.algorithm === 'HS256'
      ? () => (hmacKey ??= webcrypto.subtle.importKey('raw', key.key, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']))
      : undefined;
  const options: JWTVerifyOptions = {
    algorithms: key.algorithm === 'jwks' ? ['RS256', 'ES256'] : [key.algorithm],
    requiredClaims: ['exp', 'sub'],
    ...(expected.issuer ? { issuer: expected.issuer } : {}),
    ...(expected.audience ? { audience: expected.audience } : {}),
  };
  const verified = new VerifiedTokenCache();
  const verifyAndRemember = async (token: string): Promise<AuthenticatedCaller> => {
    let payload: JWTPayload;
    try {
      if (jwks) ({ payload } = await jwtVerify(token, jwks, options));
      else if (hmac) ({ payload } = await jwtVerify(token, await hmac(), options));
      else ({ payload } = await jwtVerify(token, (key as { key: KeyObject }).key, options));
    } catch (error) {
      throw rejection(error);
    }
    const caller = callerFromClaims(payload);
    verified.set(token, caller, (payload.exp as number) * 1000);
    return caller;
  };
  // Not an async function: a token seen before costs one settled promise, not an async call's.
  return (token) => {
    const cached = verified.get(token);
    return cached ? Promise.resolve(cached) : verifyAndRemember(token);
  };
}

const CACHE_ENTRIES = 1_000;
const CACHE_TTL_MS = 60_000;

/**
 * Tokens already verified, so a client sending the same token on every request pays for one
 * signature check a minute instead of one per request (the largest identity cost under load).
 * An entry lives until the token's own `exp` or one minute, whichever comes first; only
 * successful verifications are kept, and the oldest entry goes when the cache is full.
 */
class VerifiedTokenCache {
  private readonly entries = new Map<string, { caller: AuthenticatedCaller; until: number }>();

  get(token: string): AuthenticatedCaller | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (Date.now() < entry.until) return entry.caller;
    this.entries.delete(token);
    return undefined;
  }

  set(token: string, caller: AuthenticatedCaller, expiresAtMs: number): void {
    if (this.entries.size >= CACHE_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { caller, until: Math.min(expiresAtMs, Date.now() + CACHE_TTL_MS) });
  }
}

/** Maps the token's claims to a caller; `preferred_username` falls back to `sub`, `email` to null. */
export function callerFromClaims(payload: JWTPayload): AuthenticatedCaller {
  const { sub, preferred_username: username, email, scope } = payload;
  if (typeof sub !== 'string' || !UUID_PATTERN.test(sub)) throw invalid('The token subject (sub) must be a user UID (a UUID)');
  if (username !== undefined && (typeof username !== 'string' || username === ''))
    throw invalid('preferred_username must be a non-empty string');
  if (email !== undefined && email !== null && typeof email !== 'string') throw invalid('email must be a string');
  if (scope !== undefined && typeof scope !== 'string') throw invalid('scope must be a space-separated string');
  return {
    // Frozen once here: the caller is cached for its token and handed to every request that sends it.
    user: Object.freeze({
      id: sub.toLowerCase(),
      username: (username as string | undefined) ?? sub,
      email: (email as string | null | undefined) ?? null,
    }),
    scopes: parseScopes(scope as string | undefined),
  };
}

function invalid(detail: string): AuthenticationError {
  return new AuthenticationError(detail, { tokenGiven: true });
}

// Plain-language reasons; jose's own messages are kept out of responses (they may quote claims).
// Errors that are not jose's (the key set's IdentityProviderUnavailableError) pass unchanged.
function rejection(error: unknown): unknown {
  if (!(error instanceof errors.JOSEError)) return error;
  const fail = (detail: string) => new AuthenticationError(detail, { tokenGiven: true, cause: error });
  if (error instanceof errors.JWTExpired) return fail('The token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return fail('The token was not issued by the expected issuer');
    if (error.claim === 'aud') return fail('The token is not intended for this audience');
    return fail(`The token's ${error.claim} claim is missing or invalid`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported)
    return fail('The token algorithm is not accepted');
  if (error instanceof errors.JWSSignatureVerificationFailed) return fail('The token signature is invalid');
  if (error instanceof errors.JWKSNoMatchingKey) return fail('The token was signed with an unknown key');
  return fail('The token is malformed');
}
