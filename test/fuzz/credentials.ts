import { ALL_SCOPES, mintTestToken } from '../support/test-app.js';
import type { FuzzOperation } from './spec-operations.js';

/** The four callers every fuzzed request is sent as. */
export const CREDENTIAL_KINDS = ['all-scopes', 'anonymous', 'invalid-token', 'lacking-scopes'] as const;

/** Who sends a request: a full token, nobody, a token that is not valid, or a valid token without the operation's scopes. */
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** One way of presenting credentials that are not valid, named for reports. */
export interface InvalidCredential {
  name: string;
  authorization: string;
}

/** The Authorization header values the fuzzer sends, minted once per run. */
export interface CredentialSet {
  allScopes: string;
  invalid: InvalidCredential[];
  /** A valid token holding every scope except the operation's own (no scope at all when it needs none). */
  lackingScopes(operation: FuzzOperation): string;
}

/** Mints the tokens for `operations`: the full one, the invalid variants and one scope-lacking token per scope set. */
export async function mintCredentials(operations: FuzzOperation[]): Promise<CredentialSet> {
  const valid = await mintTestToken();
  const [header, payload, signature] = valid.split('.') as [string, string, string];
  const invalid: InvalidCredential[] = [
    { name: 'not a JWT', authorization: 'Bearer not-a-jwt' },
    {
      name: 'wrong signing secret',
      authorization: `Bearer ${await mintTestToken({ secret: 'another-secret-of-at-least-32-bytes-0123456789' })}`,
    },
    { name: 'expired', authorization: `Bearer ${await mintTestToken({ ttlSeconds: -120 })}` },
    { name: 'tampered payload', authorization: `Bearer ${header}.${flipLastChar(payload)}.${signature}` },
    { name: 'alg none', authorization: `Bearer ${base64url('{"alg":"none","typ":"JWT"}')}.${payload}.` },
    { name: 'subject not a UUID', authorization: `Bearer ${await mintTestToken({ sub: 'not-a-uuid' })}` },
    { name: 'empty username', authorization: `Bearer ${await mintTestToken({ username: '' })}` },
    { name: 'Basic scheme', authorization: 'Basic dXNlcjpwYXNzd29yZA==' },
    { name: 'Bearer without token', authorization: 'Bearer' },
    { name: 'two tokens', authorization: `Bearer ${valid} ${valid}` },
    { name: 'characters outside b64token', authorization: 'Bearer abc$def{}' },
    { name: 'long garbage', authorization: `Bearer ${'A'.repeat(3000)}` },
  ];
  const lacking = new Map<string, string>();
  for (const operation of operations) {
    const key = operation.security.scopes.join(' ');
    if (lacking.has(key)) continue;
    const scopes = operation.security.scopes.length === 0 ? [] : ALL_SCOPES.filter((s) => !operation.security.scopes.includes(s));
    lacking.set(key, `Bearer ${await mintTestToken({ scopes })}`);
  }
  return {
    allScopes: `Bearer ${valid}`,
    invalid,
    lackingScopes: (operation) => lacking.get(operation.security.scopes.join(' '))!,
  };
}

/** The Authorization header (if any) a request is sent with. */
export function authorizationFor(
  credentials: CredentialSet,
  kind: CredentialKind,
  operation: FuzzOperation,
  invalid: InvalidCredential,
): string | undefined {
  switch (kind) {
    case 'all-scopes':
      return credentials.allScopes;
    case 'anonymous':
      return undefined;
    case 'invalid-token':
      return invalid.authorization;
    case 'lacking-scopes':
      return credentials.lackingScopes(operation);
  }
}

function flipLastChar(segment: string): string {
  const last = segment.at(-1);
  return segment.slice(0, -1) + (last === 'A' ? 'B' : 'A');
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}
