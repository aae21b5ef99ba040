import { randomUUID } from 'node:crypto';

import { SignJWT } from 'jose';

/** Claims of a token minted by the development tools. */
export interface MintedClaims {
  sub?: string;
  username?: string;
  email?: string | null;
  scopes: readonly string[];
  issuer?: string | undefined;
  audience?: string | undefined;
  /** Lifetime in seconds; negative mints an already expired token. */
  ttlSeconds?: number;
}

/** Signs an HS256 token the way the identity provider would (for `npm run token`, `make run` and tests). */
export function mintHs256Token(secret: Uint8Array, claims: MintedClaims): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({
    ...(claims.username !== undefined ? { preferred_username: claims.username } : {}),
    ...(claims.email ? { email: claims.email } : {}),
    scope: claims.scopes.join(' '),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub ?? randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + (claims.ttlSeconds ?? 3600));
  if (claims.issuer) jwt.setIssuer(claims.issuer);
  if (claims.audience) jwt.setAudience(claims.audience);
  return jwt.sign(secret);
}
