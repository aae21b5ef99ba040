import { fitsIntegerColumn } from '../data/query/column.js';
import { InvalidInputError } from '../errors/app-error.js';

/** Encodes "continue after this id" as an opaque, URL-safe cursor. */
export function encodeCustomerCursor(afterId: number): string {
  return Buffer.from(JSON.stringify({ after: afterId })).toString('base64url');
}

/**
 * Decodes a cursor from `encodeCustomerCursor`; anything else is a 400 on `cursor`, including a
 * forged position no id can have (negative, or past the id column's integer range, which
 * PostgreSQL would refuse with an error of its own).
 */
export function decodeCustomerCursor(cursor: string): number {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (fitsIntegerColumn(decoded.after) && decoded.after >= 0) return decoded.after;
  } catch {
    // fall through to the error below
  }
  throw new InvalidInputError('cursor is not one this server issued; follow the Link header instead of building cursors', [
    { field: 'cursor', message: 'is not a valid paging cursor' },
  ]);
}
