import { CompiledQuery, sql } from 'kysely';

import type { StorageEngine } from '../../src/data/engine/storage-engine.js';

/** One step of a query plan, as one readable line. */
export interface PlanStep {
  line: string;
  /** Why this step reads every row of a table or index, or sorts every matching row; undefined when it does not. */
  fullScan?: string;
}

/**
 * The plan `storage`'s engine makes for `query` with its parameters: SQLite's EXPLAIN QUERY
 * PLAN, PostgreSQL's EXPLAIN (FORMAT JSON), one step per line, each judged for full scans.
 */
export async function explain(storage: StorageEngine, query: CompiledQuery): Promise<PlanStep[]> {
  if (storage.kind === 'sqlite') {
    const { rows } = await storage.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
    );
    return rows.map(({ detail }) => ({ line: detail, fullScan: sqliteFullScan(detail) }));
  }
  const { rows } = await storage.db.executeQuery<{ 'QUERY PLAN': [{ Plan: PostgresPlanNode }] }>(
    CompiledQuery.raw(`explain (format json) ${query.sql}`, [...query.parameters]),
  );
  return postgresSteps(rows[0]!['QUERY PLAN'][0].Plan);
}

/**
 * `SCAN t` walks a whole table and `SCAN t USING INDEX i` a whole index (SQLite says SEARCH
 * when it seeks); a TEMP B-TREE sorts every row found before any is returned.
 */
function sqliteFullScan(detail: string): string | undefined {
  if (/^SCAN /.test(detail)) return 'reads the whole table or index';
  if (/TEMP B-TREE/.test(detail)) return 'sorts every matching row';
  return undefined;
}

interface PostgresPlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Plan Rows': number;
  Plans?: PostgresPlanNode[];
}

/**
 * A Seq Scan reads the whole table; a Sort of more than one row sorts every matching row (an
 * index in the query's order would hand them over sorted, and a LIMIT would stop it early).
 */
function postgresSteps(node: PostgresPlanNode, depth = 0): PlanStep[] {
  const on = node['Relation Name'] ? ` on ${node['Relation Name']}` : '';
  const using = node['Index Name'] ? ` using ${node['Index Name']}` : '';
  const line = `${'  '.repeat(depth)}${node['Node Type']}${using}${on} (rows ${node['Plan Rows']})`;
  const fullScan =
    node['Node Type'] === 'Seq Scan'
      ? 'reads the whole table'
      : node['Node Type'] === 'Sort' && node['Plan Rows'] > 1
        ? 'sorts every matching row'
        : undefined;
  return [{ line, fullScan }, ...(node.Plans ?? []).flatMap((child) => postgresSteps(child, depth + 1))];
}

/** Refreshes PostgreSQL's statistics of `tables` (SQLite plans from its indexes alone). */
export async function analyzeTables(storage: StorageEngine, tables: string[]): Promise<void> {
  if (storage.kind !== 'postgres') return;
  for (const table of tables) await sql`analyze ${sql.table(table)}`.execute(storage.db);
}
