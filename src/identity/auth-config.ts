import { createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

import type { EnvReader, NodeEnv } from '../env-reader.js';

/** Where the local development HS256 secret lives (created on first use, never in production). */
export const DEV_SECRET_FILE = 'data/dev-jwt-secret';

/** Shortest HS256 secret accepted: RFC 7518 asks for a key at least as long as the hash. */
export const MIN_SECRET_BYTES = 32;

/** The key bearer tokens are verified with; exactly one kind per deployment. */
export type JwtKeySource =
  /** AUTH_JWT_SECRET: a shared HS256 secret. */
  | { readonly kind: 'secret'; readonly secret: string }
  /** AUTH_JWT_PUBLIC_KEY: a PEM public key; RS256 for RSA keys, ES256 for P-256 keys. */
  | { readonly kind: 'public-key'; readonly key: KeyObject; readonly algorithm: 'RS256' | 'ES256' }
  /** AUTH_JWKS_URL: the identity provider's key set (RS256/ES256), fetched and cached. */
  | { readonly kind: 'jwks'; readonly url: URL }
  /** Nothing configured outside production: an HS256 secret in DEV_SECRET_FILE. */
  | { readonly kind: 'dev-secret'; readonly file: string };

/** How callers are authenticated. */
export interface AuthConfig {
  /** Undefined only in trusted-gateway mode without a key (the gateway verified the token). */
  readonly jwt: JwtKeySource | undefined;
  /** AUTH_JWT_ISSUER: the `iss` every token must carry. */
  readonly issuer: string | undefined;
  /** AUTH_JWT_AUDIENCE: the `aud` every token must include. */
  readonly audience: string | undefined;
  /** AUTH_TRUSTED_GATEWAY=1: identity comes from X-User-UID / X-Username set by a gateway. */
  readonly trustedGateway: boolean;
}

const KEY_VARIABLES = ['AUTH_JWT_SECRET', 'AUTH_JWT_PUBLIC_KEY', 'AUTH_JWKS_URL'] as const;

/** Parses the AUTH_* variables, refusing mixes that would be unsafe or silently ignored. */
export function parseAuthConfig(env: EnvReader, nodeEnv: NodeEnv): AuthConfig {
  const trustedGateway = flag(env, 'AUTH_TRUSTED_GATEWAY');
  const set = KEY_VARIABLES.filter((name) => env.text(name) !== undefined);
  if (set.length > 1) {
    // Accepting an HMAC secret and a public key at once is how algorithm-confusion attacks start.
    env.fail(set[1]!, `set only one of ${KEY_VARIABLES.join(', ')}; ${set.join(' and ')} are both set`);
  }
  const jwt = keySource(env, set[0], nodeEnv, trustedGateway);
  const issuer = env.text('AUTH_JWT_ISSUER');
  const audience = env.text('AUTH_JWT_AUDIENCE');
  if (!jwt && (issuer || audience)) {
    env.fail(issuer ? 'AUTH_JWT_ISSUER' : 'AUTH_JWT_AUDIENCE', `has no effect without a key; set one of ${KEY_VARIABLES.join(', ')}`);
  }
  return Object.freeze({ jwt, issuer, audience, trustedGateway });
}

function keySource(
  env: EnvReader,
  variable: (typeof KEY_VARIABLES)[number] | undefined,
  nodeEnv: NodeEnv,
  trustedGateway: boolean,
): JwtKeySource | undefined {
  switch (variable) {
    case 'AUTH_JWT_SECRET':
      return secret(env);
    case 'AUTH_JWT_PUBLIC_KEY':
      return publicKey(env);
    case 'AUTH_JWKS_URL':
      return jwksUrl(env, nodeEnv);
    case undefined:
      if (trustedGateway) return undefined;
      if (nodeEnv === 'production') {
        env.fail(
          'AUTH_JWT_SECRET',
          'NODE_ENV=production needs a token verification key: set AUTH_JWT_SECRET (HS256), AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL (RS256/ES256), or AUTH_TRUSTED_GATEWAY=1 behind a gateway that authenticates callers',
        );
      }
      return { kind: 'dev-secret', file: DEV_SECRET_FILE };
  }
}

function secret(env: EnvReader): JwtKeySource {
  const value = env.text('AUTH_JWT_SECRET')!;
  if (Buffer.byteLength(value) < MIN_SECRET_BYTES) {
    env.fail('AUTH_JWT_SECRET', `must be at least ${MIN_SECRET_BYTES} bytes long (the value is not shown)`);
  }
  return { kind: 'secret', secret: value };
}

function publicKey(env: EnvReader): JwtKeySource {
  const raw = env.text('AUTH_JWT_PUBLIC_KEY')!;
  // A PEM block (newlines may be written as \n in an env file) or a path to a PEM file.
  const pem = raw.startsWith('-----BEGIN') ? raw.replace(/\\n/g, '\n') : readPem(env, raw);
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    env.fail('AUTH_JWT_PUBLIC_KEY', 'holds a private key; give the service the public key only');
  }
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    return env.fail('AUTH_JWT_PUBLIC_KEY', 'is not a PEM public key (SPKI, "-----BEGIN PUBLIC KEY-----")');
  }
  if (key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048) {
    return { kind: 'public-key', key, algorithm: 'RS256' };
  }
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') {
    return { kind: 'public-key', key, algorithm: 'ES256' };
  }
  return env.fail('AUTH_JWT_PUBLIC_KEY', 'must be an RSA key of at least 2048 bits (RS256) or a P-256 EC key (ES256)');
}

function readPem(env: EnvReader, path: string): string {
  if (!existsSync(path)) env.fail('AUTH_JWT_PUBLIC_KEY', `is neither a PEM block nor an existing file: ${path}`);
  return readFileSync(path, 'utf8');
}

function jwksUrl(env: EnvReader, nodeEnv: NodeEnv): JwtKeySource {
  const raw = env.text('AUTH_JWKS_URL')!;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return env.fail('AUTH_JWKS_URL', `is not a URL: ${JSON.stringify(raw)}`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (loopback || nodeEnv !== 'production'))) {
    env.fail('AUTH_JWKS_URL', 'must use https (plain http is allowed for loopback hosts or outside production)');
  }
  return { kind: 'jwks', url };
}

function flag(env: EnvReader, name: string): boolean {
  const value = env.text(name);
  if (value === undefined || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  return env.fail(name, `must be 1 or 0, got ${JSON.stringify(value)}`);
}
