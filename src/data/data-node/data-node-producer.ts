import type { StorageEngine } from '../engine/storage-engine.js';
import { SimpleTable } from '../simple-table/simple-table.js';
import { createDeclaredTable } from '../simple-table/table-ddl.js';
import type { InsertOf } from '../simple-table/table-declaration.js';
import { type DataNodeDeclaration, identityColumns, type NodeRow } from './data-node-declaration.js';
import { registerNode } from './data-node-registry.js';

/** What a producer plans to write after the last stored time index. */
export interface ProductionPlan<Row> {
  /** How many rows `rows` will yield (for progress reports). */
  total: number;
  rows: Iterable<Row>;
}

/** The producer side of a node: computes rows strictly after `after` (null: from its start). */
export interface DataNodeProducer<N extends DataNodeDeclaration> {
  readonly node: N;
  plan(after: Date | null): ProductionPlan<InsertOf<N['table']>>;
}

/** Outcome of one producer run. */
export interface ProductionSummary {
  identifier: string;
  /** Last stored time index before the run. */
  previousLast: Date | null;
  written: number;
  /** Last stored time index after the run. */
  last: Date | null;
}

const BATCH_SIZE = 100;

/**
 * Runs a producer: reads the node's last `time_index`, computes what follows, and writes it all
 * in ONE transaction with an upsert on the identity columns. A crash or a throwing producer
 * rolls everything back, and a rerun starts from the same last index, so no run leaves gaps,
 * duplicates or half-written batches.
 */
export async function runProducer<N extends DataNodeDeclaration>(
  engine: StorageEngine,
  producer: DataNodeProducer<N>,
  options: { onProgress?: (written: number, total: number) => void; now?: () => Date } = {},
): Promise<ProductionSummary> {
  const { node } = producer;
  const now = options.now ?? (() => new Date());
  return engine.db.transaction().execute(async (trx) => {
    await createDeclaredTable(trx, engine.kind, node.table, { ifNotExists: true, uniqueTogether: identityColumns(node) });
    const last = await trx
      .selectFrom(node.table.name)
      .select((eb) => eb.fn.max('time_index').as('last'))
      .executeTakeFirst();
    const previousLast = last?.last === null || last?.last === undefined ? null : new Date(Number(last.last));
    const plan = producer.plan(previousLast);
    const table = new SimpleTable({ ...engine, db: trx }, node.table, { now });
    let written = 0;
    let newest = previousLast;
    let batch: InsertOf<N['table']>[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await table.upsert(batch, identityColumns(node));
      written += batch.length;
      for (const row of batch) {
        const time = (row as unknown as NodeRow<N>).time_index as Date;
        if (!newest || time > newest) newest = time;
      }
      batch = [];
      options.onProgress?.(written, plan.total);
    };
    for (const row of plan.rows) {
      batch.push(row);
      if (batch.length >= BATCH_SIZE) await flush();
    }
    await flush();
    await registerNode(trx, node, now());
    return { identifier: node.identifier, previousLast, written, last: newest };
  });
}
