import type { CredentialKind } from './credentials.js';
import type { FuzzRequest } from './fuzz-request.js';
import type { FuzzOperation } from './spec-operations.js';

/**
 * What the contract says about the status a caller must get, beyond the response's own shape:
 * - a request the contract forbids (a mutation that certainly breaks it) never succeeds;
 * - a secured operation never succeeds without valid credentials, nor without its scopes;
 * - a valid request to a secured operation answers exactly 401 without valid credentials and
 *   403 without its scopes, and a caller with every scope is never refused as unauthorised.
 */
export function expectationViolations(operation: FuzzOperation, request: FuzzRequest, kind: CredentialKind, status: number): string[] {
  const violations: string[] = [];
  const success = status >= 200 && status < 300;
  const { secured, scopes } = operation.security;
  const unauthenticated = secured && (kind === 'anonymous' || kind === 'invalid-token');
  const unscoped = secured && kind === 'lacking-scopes' && scopes.length > 0;
  if (success && request.mustReject) violations.push(`answered ${status} to a request the contract forbids (${request.mutation})`);
  if (success && unauthenticated) violations.push(`answered ${status} to a secured operation without valid credentials (${kind})`);
  if (success && unscoped) violations.push(`answered ${status} to a caller lacking the scopes ${scopes.join(' ')}`);
  if (request.mutation === undefined) {
    if (unauthenticated && status !== 401) violations.push(`a valid request without valid credentials answered ${status}, not 401`);
    if (unscoped && status !== 403) violations.push(`a valid request lacking the scopes ${scopes.join(' ')} answered ${status}, not 403`);
    if (kind === 'all-scopes' && (status === 401 || status === 403)) violations.push(`a valid request with every scope answered ${status}`);
  }
  return violations;
}

/**
 * For a request that names the refusal it must get (a forged cursor: 400 naming
 * `query.cursor`), how the answer to a caller holding every scope differs from it. Other
 * callers are refused for their credentials first.
 */
export function refusalViolations(request: FuzzRequest, kind: CredentialKind, status: number, body: string): string[] {
  const { refusal } = request;
  if (!refusal || kind !== 'all-scopes') return [];
  if (status !== refusal.status)
    return [`answered ${status}, not ${refusal.status}, to a request the contract refuses (${request.mutation})`];
  let fields: unknown[] = [];
  try {
    fields = ((JSON.parse(body) as { errors?: { field?: unknown }[] }).errors ?? []).map((e) => e.field);
  } catch {
    // not JSON: the response checker reports that
  }
  return fields.includes(refusal.field)
    ? []
    : [`the ${status} problem does not name ${refusal.field} (it names ${JSON.stringify(fields)})`];
}
