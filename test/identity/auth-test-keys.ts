import { generateKeyPairSync, type KeyObject } from 'node:crypto';

import { type JWTPayload, SignJWT } from 'jose';

import { TEST_USER } from '../support/test-app.js';

/** An RSA key pair (RS256) and a P-256 key pair (ES256) for the public-key modes, made once per run. */
export const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
export const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });

/** A public key as the PEM text AUTH_JWT_PUBLIC_KEY takes. */
export function publicPem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

/** Claims a well-formed token carries (TEST_USER, every scope, valid for an hour). */
export function claimsFor(overrides: JWTPayload = {}): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  return { sub: TEST_USER.id, preferred_username: TEST_USER.username, scope: 'customers:read', iat: now, exp: now + 3600, ...overrides };
}

/** Signs `payload` with an asymmetric key or raw secret bytes under `alg`. */
export function sign(payload: JWTPayload, alg: string, key: KeyObject | Uint8Array, kid?: string): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT', ...(kid ? { kid } : {}) }).sign(key);
}

/** An unsecured token (`alg: none`, empty signature), which no server may accept. */
export function unsecuredToken(payload: JWTPayload): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(payload)}.`;
}
