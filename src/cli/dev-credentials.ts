import type { AppConfig } from '../config.js';
import { loadContractDocument } from '../contract/contract-document.js';
import { ensureDevSecret } from '../identity/dev-secret.js';
import { declaredScopes } from '../identity/scopes.js';
import { mintHs256Token, type MintedClaims } from '../identity/token-minter.js';

/** The local developer `make run` mints a token for. */
export const DEV_USER = Object.freeze({
  id: '2d9a7e52-6c1b-4f3a-9e8d-5b4c3a2f1e0d',
  username: 'developer',
  email: 'developer@example.com',
});

/** Every scope the contract asks for, so a default token can call every operation. */
export function allScopes(): string[] {
  return declaredScopes(loadContractDocument().document);
}

/**
 * Mints an HS256 token the configured server accepts, with its issuer and audience. Only the
 * secret modes can mint: RS256/ES256 tokens come from the identity provider that holds the
 * private key, and a trusted gateway authenticates callers itself.
 */
export function mintForConfig(config: AppConfig, claims: Omit<MintedClaims, 'issuer' | 'audience'>): Promise<string> {
  const { jwt, issuer, audience } = config.auth;
  if (jwt?.kind !== 'secret' && jwt?.kind !== 'dev-secret') {
    throw new Error(
      `tokens can only be minted for an HS256 secret (AUTH_JWT_SECRET or the development secret); this configuration uses ${jwt ? jwt.kind : 'a trusted gateway without a key'}`,
    );
  }
  const secret = jwt.kind === 'secret' ? new TextEncoder().encode(jwt.secret) : ensureDevSecret(jwt.file);
  return mintHs256Token(secret, { ...claims, issuer, audience });
}
