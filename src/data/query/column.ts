/** The storage kinds a declared column can have, and the TypeScript value each one holds. */
export interface ColumnValueTypes {
  integer: number;
  real: number;
  text: string;
  boolean: boolean;
  /** Stored as epoch milliseconds (UTC), surfaced as a Date. */
  timestamp: Date;
}

export type ColumnKind = keyof ColumnValueTypes;

/** Flags a column may carry; each defaults to false. */
export interface ColumnFlags {
  nullable?: boolean;
  /** Assigned by the database (auto-increment primary key); never supplied on insert. */
  generated?: boolean;
  primaryKey?: boolean;
  unique?: boolean;
  indexed?: boolean;
  filterable?: boolean;
  orderable?: boolean;
  /** Upper bound on text length, enforced by the declaration's value checks. */
  maxLength?: number;
}

/** A declared column: its kind plus its flags, with literal types kept for inference. */
export interface Column<K extends ColumnKind = ColumnKind, F extends ColumnFlags = ColumnFlags> {
  readonly kind: K;
  readonly flags: F;
}

function column<K extends ColumnKind>(kind: K) {
  return <const F extends ColumnFlags = {}>(flags?: F): Column<K, F> => ({ kind, flags: (flags ?? {}) as F });
}

/**
 * The values an `integer` column holds on every engine: PostgreSQL's `integer` is 32-bit signed
 * (SQLite's is wider), so a value outside this range is refused before it reaches a query
 * instead of failing there on one engine only.
 */
export const INTEGER_COLUMN_RANGE = Object.freeze({ min: -(2 ** 31), max: 2 ** 31 - 1 });

/** Whether `value` is an integer every engine can store in, and compare with, an `integer` column. */
export function fitsIntegerColumn(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= INTEGER_COLUMN_RANGE.min && (value as number) <= INTEGER_COLUMN_RANGE.max;
}

/** Why a value does not fit an `integer` column, in the words validation errors use. */
export const INTEGER_COLUMN_MESSAGE = `must be an integer from ${INTEGER_COLUMN_RANGE.min} to ${INTEGER_COLUMN_RANGE.max}`;

/** Column builders: `integer({ primaryKey: true, generated: true })`, `text({ filterable: true })`, ... */
export const columns = {
  integer: column('integer'),
  real: column('real'),
  text: column('text'),
  boolean: column('boolean'),
  timestamp: column('timestamp'),
};

/** The TypeScript value of a column, `| null` when it is nullable. */
export type ValueOf<C> = C extends Column<infer K, infer F> ? ColumnValueTypes[K] | (F extends { nullable: true } ? null : never) : never;
