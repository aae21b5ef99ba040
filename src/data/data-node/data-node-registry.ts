import type { Kysely } from 'kysely';

import type { StorageEngine } from '../engine/storage-engine.js';
import type { Bind } from '../query/bind.js';
import type { ColumnKind } from '../query/column.js';
import type { QueryTemplateCache } from '../query/query-template.js';
import { type DataNodeDeclaration, describeColumns, identityColumns } from './data-node-declaration.js';

/** The registry table's name; created by the migrations. */
export const REGISTRY_TABLE = 'data_nodes';

/** The registry columns a lookup reads, in the order an array row holds them. */
const ENTRY_COLUMNS = ['identifier', 'table_name', 'columns_json', 'index_columns_json', 'last_updated_ms'] as const;

/** What the registry knows about one published node. */
export interface RegisteredNode {
  identifier: string;
  tableName: string;
  columns: { name: string; kind: ColumnKind }[];
  indexColumns: string[];
  lastUpdated: Date | null;
}

/**
 * Reads the registry entry of `identifier`, or undefined when nothing is published under it;
 * the query is compiled once for every call that shares `templates`.
 */
export async function findRegisteredNode(
  engine: Pick<StorageEngine, 'db' | 'readArrayRows'>,
  identifier: string,
  templates: QueryTemplateCache,
): Promise<RegisteredNode | undefined> {
  const build = (bind: Bind) => engine.db.selectFrom(REGISTRY_TABLE).select(ENTRY_COLUMNS).where('identifier', '=', bind(identifier));
  // As an array row where the engine can (on PostgreSQL also a prepared statement): values in ENTRY_COLUMNS order.
  const [row] = (await templates.read(engine, 'registry entry', build, [identifier], true)) as (unknown[] | Record<string, unknown>)[];
  if (!row) return undefined;
  const [id, tableName, columnsJson, indexColumnsJson, lastUpdatedMs] = Array.isArray(row) ? row : ENTRY_COLUMNS.map((c) => row[c]);
  return {
    identifier: id as string,
    tableName: tableName as string,
    columns: JSON.parse(columnsJson as string),
    indexColumns: JSON.parse(indexColumnsJson as string),
    lastUpdated: lastUpdatedMs === null ? null : new Date(Number(lastUpdatedMs)),
  };
}

/** Records (or refreshes) a node's registry entry; call inside the producer's transaction. */
export async function registerNode(db: Kysely<any>, node: DataNodeDeclaration, lastUpdated: Date): Promise<void> {
  const entry = {
    identifier: node.identifier,
    table_name: node.table.name,
    columns_json: JSON.stringify(describeColumns(node)),
    index_columns_json: JSON.stringify(identityColumns(node)),
    last_updated_ms: lastUpdated.getTime(),
  };
  await db
    .insertInto(REGISTRY_TABLE)
    .values(entry)
    .onConflict((oc) =>
      oc.column('identifier').doUpdateSet({
        table_name: entry.table_name,
        columns_json: entry.columns_json,
        index_columns_json: entry.index_columns_json,
        last_updated_ms: entry.last_updated_ms,
      }),
    )
    .execute();
}
