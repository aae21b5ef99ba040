import type { AppConfig } from '../config.js';
import { loadContractDocument } from '../contract/contract-document.js';
import { ensureDevSecret } from '../identity/dev-secret.js';
import { LOCAL_DEV_USER } from '../identity/local-dev-user.js';
import { declaredScopes } from '../identity/scopes.js';
import { type MintedClaims, mintHs256Token } from '../identity/token-minter.js';

/** The local developer `make run` mints a token for (the same user AUTH_LOCAL_DEV_USER=1 lets anonymous reads act as). */
export const DEV_USER = LOCAL_DEV_USER;

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
