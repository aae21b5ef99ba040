import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';

/** The HMAC secret the e2e and browser suites start the server with (AUTH_JWT_SECRET). */
export const TEST_JWT_SECRET = 'e2e-secret-that-is-long-enough-for-hs256-0123456789';

/** Claims a test token carries; every field has a default. */
export interface TestTokenClaims {
  sub?: string;
  preferredUsername?: string;
  email?: string;
  scope?: string;
  /** Lifetime in seconds (negative for an already expired token). */
  expiresInSeconds?: number;
}

/** Every scope the contract's operations may ask for. */
export const ALL_SCOPES = 'customers:read customers:write timeseries:read';

/** Mints an HS256 bearer token the server accepts when started with TEST_JWT_SECRET. */
export async function mintTestToken(claims: TestTokenClaims = {}, secret = TEST_JWT_SECRET): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    preferred_username: claims.preferredUsername ?? 'e2e-user',
    email: claims.email ?? 'e2e-user@example.com',
    scope: claims.scope ?? ALL_SCOPES,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub ?? randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + (claims.expiresInSeconds ?? 600))
    .sign(new TextEncoder().encode(secret));
}
