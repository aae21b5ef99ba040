import type { Kysely } from 'kysely';

import type { StorageEngine } from '../engine/storage-engine.js';
import type { Bind } from '../query/bind.js';
import type { QueryTemplateCache } from '../query/query-template.js';

/** One row per declared table: when it was last written. Created by the migrations. */
export const TABLE_WRITES_TABLE = 'table_writes';

/**
 * Records that `table` was written at `at`; call inside the write's transaction, so the time is
 * stored exactly when the rows are. It only moves forward: a process whose clock lags another's
 * never turns it back.
 */
export async function recordTableWrite(db: Kysely<any>, table: string, at: Date): Promise<void> {
  await db
    .insertInto(TABLE_WRITES_TABLE)
    .values({ table_name: table, last_write_ms: at.getTime() })
    .onConflict((oc) =>
      oc.column('table_name').doUpdateSet((eb) => ({
        last_write_ms: eb
          .case()
          .when(eb.ref('excluded.last_write_ms'), '>', eb.ref(`${TABLE_WRITES_TABLE}.last_write_ms`))
          .then(eb.ref('excluded.last_write_ms'))
          .else(eb.ref(`${TABLE_WRITES_TABLE}.last_write_ms`))
          .end(),
      })),
    )
    .execute();
}

/** When `table` was last written, or null when it never was (since the registry existed). */
export async function lastTableWrite(
  engine: Pick<StorageEngine, 'db' | 'readArrayRows'>,
  table: string,
  templates: QueryTemplateCache,
): Promise<Date | null> {
  const build = (bind: Bind) => engine.db.selectFrom(TABLE_WRITES_TABLE).select('last_write_ms').where('table_name', '=', bind(table));
  // As an array row where the engine can (one value; on PostgreSQL also a prepared statement).
  const [row] = (await templates.read(engine, 'last table write', build, [table], true)) as ([unknown] | { last_write_ms: unknown })[];
  if (!row) return null;
  return new Date(Number(Array.isArray(row) ? row[0] : row.last_write_ms));
}
