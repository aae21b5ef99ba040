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

/**
 * Mints an HS256 token for a synthetic user with the read scopes, signed with a secret
 * generated for this run (passed to the service as AUTH_JWT_SECRET).
 */
export async function createBenchIdentity(ttlSeconds = 4 * 3600): Promise<BenchIdentity> {
  const secret = randomBytes(48).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ preferred_username: 'bench', email: 'bench@example.com', scope: BENCH_SCOPES })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(new TextEncoder().encode(secret));
  return { secret, token, headers: { Authorization: `Bearer ${token}` } };
}
