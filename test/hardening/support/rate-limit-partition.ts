import { createHash } from 'node:crypto';

/**
 * The partition key a `RateLimit-Policy` header carries for the counter key `key` (`ip:1.2.3.4`,
 * `user:<id>`): how a test tells which bucket a request was counted in.
 */
export function partitionOf(key: string): string {
  return Buffer.from(createHash('sha256').update(key).digest('hex').slice(0, 12)).toString('base64');
}

/** The partition key of a response's `RateLimit-Policy` header, if any. */
export function partitionIn(policyHeader: string | string[] | undefined): string | undefined {
  return /pk=:([A-Za-z0-9+/=]+):/.exec(String(policyHeader ?? ''))?.[1];
}
