import { InsufficientScopeError } from './auth-errors.js';
import type { AuthenticatedCaller } from './authenticator.js';

/** Parses an OAuth-style space-separated scope list (`"customers:read timeseries:read"`). */
export function parseScopes(value: string | undefined): ReadonlySet<string> {
  return new Set((value ?? '').split(/\s+/).filter(Boolean));
}

/** Throws InsufficientScopeError unless `caller` holds every scope in `required`. */
export function requireScopes(caller: AuthenticatedCaller, required: readonly string[]): void {
  const missing = required.filter((scope) => !caller.scopes.has(scope));
  if (missing.length > 0) throw new InsufficientScopeError(missing);
}

/** Every scope any operation of an OpenAPI document asks for, sorted (tooling mints tokens with them). */
export function declaredScopes(document: object): string[] {
  const scopes = new Set<string>();
  for (const item of Object.values(((document as { paths?: unknown }).paths ?? {}) as Record<string, Record<string, unknown>>)) {
    for (const operation of Object.values(item)) {
      const security = (operation as { security?: Record<string, string[]>[] } | null)?.security ?? [];
      for (const requirement of security) for (const list of Object.values(requirement)) list.forEach((s) => scopes.add(s));
    }
  }
  return [...scopes].sort();
}
