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

/** Column builders: `integer({ primaryKey: true, generated: true })`, `text({ filterable: true })`, ... */
export const columns = {
  integer: column('integer'),
  real: column('real'),
  text: column('text'),
  boolean: column('boolean'),
  timestamp: column('timestamp'),
};

/** The TypeScript value of a column, `| null` when it is nullable. */
export type ValueOf<C> =
  C extends Column<infer K, infer F>
    ? ColumnValueTypes[K] | (F extends { nullable: true } ? null : never)
    : never;
