import { randomBytes, randomUUID } from 'node:crypto';

import { SignJWT } from 'jose';

/** The scopes every data operation requires once identity is on. */
export const BENCH_SCOPES = 'customers:read timeseries:read';

/** A signing secret for one run and a bearer token the service accepts with it. */
export interface BenchIdentity {
  secret: string;
  token: string;
  headers: Record<string, string>;
}

/** What a minted token says: its scopes, its subject and how long it lives (negative: already expired). */
export interface TokenClaims {
  scopes?: string;
  subject?: string;
  ttlSeconds?: number;
}

/**
 * Mints an HS256 token for a synthetic user with the read scopes, signed with a secret
 * generated for this run (passed to the service as AUTH_JWT_SECRET).
 */
export async function createBenchIdentity(claims: TokenClaims = {}): Promise<BenchIdentity> {
  const secret = newSigningSecret();
  const token = await mintToken(secret, claims);
  return { secret, token, headers: { Authorization: `Bearer ${token}` } };
}

/** A random HS256 secret. */
export function newSigningSecret(): string {
  return randomBytes(48).toString('base64url');
}

/** An HS256 bearer token signed with `secret` (read scopes and four hours unless `claims` say otherwise). */
export async function mintToken(secret: string, claims: TokenClaims = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const ttl = claims.ttlSeconds ?? 4 * 3600;
  return new SignJWT({ preferred_username: 'bench', email: 'bench@example.com', scope: claims.scopes ?? BENCH_SCOPES })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.subject ?? randomUUID())
    .setIssuedAt(Math.min(now, now + ttl - 60))
    .setExpirationTime(now + ttl)
    .sign(new TextEncoder().encode(secret));
}
