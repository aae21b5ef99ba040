import { loadContractDocument } from '../../src/contract/contract-document.js';
import { declaredScopes } from '../../src/identity/scopes.js';
import { type MintedClaims, mintHs256Token } from '../../src/identity/token-minter.js';

/**
 * The one HS256 secret of the test suites: in-process apps (test-app.ts) and server processes
 * (test/e2e/support/server-process.ts) verify tokens with it unless a test configures another key.
 */
export const TEST_JWT_SECRET = 'test-only-hs256-secret-0123456789abcdefghijklmnop';

/** The caller a default test token names. */
export const TEST_USER = Object.freeze({
  id: '5b0f8a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
  username: 'test-user',
  email: 'test-user@example.com',
});

/** Every scope the contract's operations ask for; a default test token carries them all. */
export const ALL_SCOPES: readonly string[] = declaredScopes(loadContractDocument().document);

/** Claims of a test token (defaults: TEST_USER with ALL_SCOPES, valid for an hour), and the secret to sign it with. */
export type TestTokenOptions = Partial<MintedClaims> & { secret?: string };

/** The one way the suites mint a bearer token: HS256 with TEST_JWT_SECRET unless `secret` says otherwise. */
export function mintTestToken(options: TestTokenOptions = {}): Promise<string> {
  const { secret = TEST_JWT_SECRET, ...claims } = options;
  return mintHs256Token(new TextEncoder().encode(secret), {
    sub: TEST_USER.id,
    username: TEST_USER.username,
    email: TEST_USER.email,
    scopes: ALL_SCOPES,
    ...claims,
  });
}
