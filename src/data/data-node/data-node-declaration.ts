import { createHash } from 'node:crypto';

import { type Column, columns } from '../query/column.js';
import { type ColumnMap, defineTable, type RecordOf, type TableDeclaration } from '../simple-table/table-declaration.js';

const timeIndexColumn = columns.timestamp({ filterable: true, orderable: true });

/** The columns every node has besides its own: the UTC time index. */
export type NodeColumns<C extends ColumnMap> = C & { time_index: typeof timeIndexColumn };

/** A published time series: its identifier, value columns and identity dimensions. */
// The default is `any` because `dimensions` (keyof C) makes C contravariant for the checker.
export interface DataNodeDeclaration<C extends ColumnMap = any> {
  readonly identifier: string;
  readonly table: TableDeclaration<NodeColumns<C>>;
  /** Columns that, with `time_index`, identify a row (for example `unique_identifier`). */
  readonly dimensions: readonly (keyof C & string)[];
}

/** One stored row of a node. */
export type NodeRow<N extends DataNodeDeclaration> = RecordOf<N['table']>;

/** Declares a node; its storage table name is derived from the identifier, so it never collides. */
export function defineDataNode<const C extends ColumnMap>(
  identifier: string,
  valueColumns: C,
  dimensions: readonly (keyof C & string)[] = [],
): DataNodeDeclaration<C> {
  if (Object.hasOwn(valueColumns, 'time_index')) throw new Error('time_index is implicit in every node');
  const table = defineTable(storageTableName(identifier), { time_index: timeIndexColumn, ...valueColumns } as NodeColumns<C>);
  return Object.freeze({ identifier, table, dimensions });
}

/** `dn_<readable part>_<hash>`: a valid identifier on both engines, unique per node identifier. */
export function storageTableName(identifier: string): string {
  const readable = identifier
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
  const hash = createHash('sha256').update(identifier).digest('hex').slice(0, 10);
  return `dn_${readable}_${hash}`;
}

/** The identity of a row: time index plus the declared dimensions. */
export function identityColumns(node: DataNodeDeclaration): string[] {
  return ['time_index', ...node.dimensions];
}

/** Column metadata as the registry stores it. */
export function describeColumns(node: DataNodeDeclaration): { name: string; kind: Column['kind'] }[] {
  return Object.entries(node.table.columns as ColumnMap).map(([name, column]) => ({ name, kind: column.kind }));
}
