import { type FieldError, InvalidInputError } from '../../errors/app-error.js';
import { fitsIntegerColumn, INTEGER_COLUMN_MESSAGE } from '../query/column.js';
import type { TableDeclaration } from './table-declaration.js';

/** Refuses a row whose values break the declaration (type, nullability, length, NUL bytes). */
export function checkRowValues(table: TableDeclaration, row: object): void {
  const errors: FieldError[] = [];
  const values = row as Record<string, unknown>;
  for (const [name, column] of Object.entries(table.columns)) {
    if (column.flags.generated) continue;
    const value = values[name];
    if (value === null || value === undefined) {
      if (!column.flags.nullable) errors.push({ field: name, message: 'is required' });
      continue;
    }
    const problem = valueProblem(column.kind, value, column.flags.maxLength);
    if (problem) errors.push({ field: name, message: problem });
  }
  if (errors.length > 0) {
    throw new InvalidInputError(`invalid ${table.name} row: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, errors);
  }
}

function valueProblem(kind: string, value: unknown, maxLength: number | undefined): string | undefined {
  switch (kind) {
    case 'integer':
      return fitsIntegerColumn(value) ? undefined : INTEGER_COLUMN_MESSAGE;
    case 'real':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a finite number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'timestamp':
      return value instanceof Date && !Number.isNaN(value.getTime()) ? undefined : 'must be a valid Date';
    default:
      if (typeof value !== 'string') return 'must be a string';
      if (value.includes('\u0000')) return 'must not contain NUL characters';
      // A lone surrogate is not text: the driver would store it as replacement characters,
      // so what is read back would differ from what was acknowledged.
      if (LONE_SURROGATE.test(value)) return 'must be valid Unicode text (it contains a lone surrogate)';
      if (maxLength !== undefined && value.length > maxLength && codePoints(value) > maxLength) {
        return `must be at most ${maxLength} characters`;
      }
      return undefined;
  }
}

/** In a `u` regular expression only unpaired surrogates are left as code points of category Cs. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Characters as the contract (JSON Schema's maxLength) counts them: code points, not UTF-16 units. */
function codePoints(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}
