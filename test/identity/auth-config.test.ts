import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from '../../src/config.js';
import { DEV_SECRET_FILE } from '../../src/identity/auth-config.js';
import { ec, publicPem, rsa } from './auth-test-keys.js';

const SECRET = 'a-secret-that-is-long-enough-for-hs256-0123456789';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('auth configuration', () => {
  it('when nothing is configured in development, uses the local development secret file', () => {
    expect(loadConfig({}).auth).toEqual({
      jwt: { kind: 'dev-secret', file: DEV_SECRET_FILE },
      trustedGateway: false,
      issuer: undefined,
      audience: undefined,
    });
  });

  it('when NODE_ENV=production has no key, refuses to start with a message naming the settings', () => {
    expect(configError({ NODE_ENV: 'production' }).message).toMatch(
      /^AUTH_JWT_SECRET: NODE_ENV=production needs a token verification key: set AUTH_JWT_SECRET .*AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL.*AUTH_TRUSTED_GATEWAY=1/,
    );
  });

  it('when NODE_ENV=production sits behind a trusted gateway, starts without a key', () => {
    expect(loadConfig({ NODE_ENV: 'production', AUTH_TRUSTED_GATEWAY: '1' }).auth).toMatchObject({ jwt: undefined, trustedGateway: true });
  });

  it('when a secret and a public key are both set, refuses the mix', () => {
    const error = configError({ AUTH_JWT_SECRET: SECRET, AUTH_JWT_PUBLIC_KEY: publicPem(rsa.publicKey) });
    expect(error.message).toMatch(/^AUTH_JWT_PUBLIC_KEY: set only one of/);
  });

  it('when the secret is short, refuses it without echoing it', () => {
    const error = configError({ AUTH_JWT_SECRET: 'short-secret' });
    expect(error.message).toMatch(/^AUTH_JWT_SECRET: must be at least 32 bytes/);
    expect(error.message).not.toContain('short-secret');
  });

  it('when an issuer is set but no key could check it, refuses it', () => {
    expect(configError({ AUTH_TRUSTED_GATEWAY: '1', AUTH_JWT_ISSUER: 'https://id.example.com' }).message).toMatch(
      /^AUTH_JWT_ISSUER: has no effect/,
    );
  });

  it('when AUTH_TRUSTED_GATEWAY is not 1 or 0, names it', () => {
    expect(configError({ AUTH_TRUSTED_GATEWAY: 'yes' }).message).toMatch(/^AUTH_TRUSTED_GATEWAY: must be 1 or 0/);
  });

  it('when the public key is a private key, refuses it', () => {
    const pem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(configError({ AUTH_JWT_PUBLIC_KEY: pem }).message).toMatch(/private key/);
  });

  it('when the public key is RSA or P-256, picks RS256 or ES256', () => {
    expect(loadConfig({ AUTH_JWT_PUBLIC_KEY: publicPem(rsa.publicKey) }).auth.jwt).toMatchObject({
      kind: 'public-key',
      algorithm: 'RS256',
    });
    const escaped = publicPem(ec.publicKey).replace(/\n/g, '\\n');
    expect(loadConfig({ AUTH_JWT_PUBLIC_KEY: escaped }).auth.jwt).toMatchObject({ kind: 'public-key', algorithm: 'ES256' });
  });

  it('when the JWKS URL is plain http to another host in production, refuses it', () => {
    expect(configError({ NODE_ENV: 'production', AUTH_JWKS_URL: 'http://id.example.com/jwks' }).message).toMatch(
      /^AUTH_JWKS_URL: must use https/,
    );
    expect(loadConfig({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://id.example.com/jwks' }).auth.jwt).toMatchObject({ kind: 'jwks' });
  });
});

describe('edge configuration', () => {
  it('when nothing is set, CORS is off, the limit is 600 per minute in memory', () => {
    expect(loadConfig({})).toMatchObject({ corsOrigins: [], rateLimitPerMinute: 600, rateLimitRedisUrl: undefined });
  });

  it('when CORS_ORIGINS lists origins, allows exactly those', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example.com, http://localhost:5173' }).corsOrigins).toEqual([
      'https://a.example.com',
      'http://localhost:5173',
    ]);
  });

  it.each(['*', 'https://a.example.com/path', 'a.example.com'])('when CORS_ORIGINS holds %j, names the variable', (value) => {
    expect(configError({ CORS_ORIGINS: value }).message).toMatch(/^CORS_ORIGINS: /);
  });

  it('when RATE_LIMIT_REDIS_URL is not a redis URL, names the variable', () => {
    expect(configError({ RATE_LIMIT_REDIS_URL: 'http://127.0.0.1:6379' }).message).toMatch(/^RATE_LIMIT_REDIS_URL: /);
  });
});
