import type { Kysely } from 'kysely';

import type { Bind } from '../query/bind.js';
import type { ColumnKind } from '../query/column.js';
import type { QueryTemplateCache } from '../query/query-template.js';
import { type DataNodeDeclaration, describeColumns, identityColumns } from './data-node-declaration.js';

/** The registry table's name; created by the migrations. */
export const REGISTRY_TABLE = 'data_nodes';

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
  db: Kysely<any>,
  identifier: string,
  templates: QueryTemplateCache,
): Promise<RegisteredNode | undefined> {
  const build = (bind: Bind) => db.selectFrom(REGISTRY_TABLE).selectAll().where('identifier', '=', bind(identifier));
  const [row] = (await templates.read(db, 'registry entry', build, [identifier])) as Record<string, any>[];
  if (!row) return undefined;
  return {
    identifier: row.identifier,
    tableName: row.table_name,
    columns: JSON.parse(row.columns_json),
    indexColumns: JSON.parse(row.index_columns_json),
    lastUpdated: row.last_updated_ms === null ? null : new Date(Number(row.last_updated_ms)),
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
