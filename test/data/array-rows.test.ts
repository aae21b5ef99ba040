import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { withArrayRows } from '../../src/data/engine/array-rows.js';
import type { StorageEngine } from '../../src/data/engine/storage-engine.js';
import { SimpleTable } from '../../src/data/simple-table/simple-table.js';
import { customerFilters, customersTable } from '../../src/data/tables/customers-table.js';
import { engines } from '../support/engines.js';

describe.each(engines)('rows read as arrays on $name', (engine) => {
  let storage: StorageEngine;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ storage, close } = await engine.open());
    await new SimpleTable(storage, customersTable).insert([
      { customer_code: 'ARR1', name: 'First', region: 'US' },
      { customer_code: 'ARR2', name: 'Second', region: 'EU' },
    ]);
  });
  afterAll(() => close());

  const byCode = sql<{
    customer_code: string;
    region: string;
  }>`select customer_code, region from customers where customer_code = ${'ARR1'}`;

  it('returns a marked read as arrays in select-list order (better-sqlite3 raw mode, pg rowMode array)', async () => {
    const { rows } = await storage.db.executeQuery(withArrayRows(byCode.compile(storage.db)));
    expect(rows).toEqual([['ARR1', 'US']]);
  });

  it('answers the same statement as objects again once a marked read is done, or has failed', async () => {
    await storage.db.executeQuery(withArrayRows(byCode.compile(storage.db)));
    expect((await storage.db.executeQuery(byCode.compile(storage.db))).rows).toEqual([{ customer_code: 'ARR1', region: 'US' }]);
    const broken = sql`select no_such_column from customers`.compile(storage.db);
    await expect(storage.db.executeQuery(withArrayRows(broken))).rejects.toThrow();
    expect((await storage.db.executeQuery(byCode.compile(storage.db))).rows).toEqual([{ customer_code: 'ARR1', region: 'US' }]);
  });

  it.runIf(engine.name === 'postgres')('runs a marked read as a named prepared statement, parsed once per connection', async () => {
    const query = withArrayRows(byCode.compile(storage.db));
    await storage.db.executeQuery(query);
    await storage.db.executeQuery(query);
    // Queries one after another on an idle pool get the same connection back (pg-pool reuses the last released).
    const prepared = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(storage.db);
    expect(prepared.rows.filter((row) => row.statement === query.sql)).toEqual([
      { name: expect.stringMatching(/^read_\d+$/), statement: query.sql },
    ]);
  });

  it('when a table is opened on a transaction, reads inside it see its uncommitted rows (they run on its connection, never beside it)', async () => {
    const trx = await storage.db.startTransaction().execute();
    try {
      const inTransaction = new SimpleTable({ ...storage, db: trx }, customersTable);
      await inTransaction.insert({ customer_code: 'ARR3', name: 'Third', region: 'US' });
      expect(await inTransaction.executeFilter(customerFilters.customer_code.eq('ARR3'))).toEqual([
        { id: expect.any(Number), customer_code: 'ARR3', name: 'Third', region: 'US' },
      ]);
    } finally {
      await trx.rollback().execute();
    }
    expect(await new SimpleTable(storage, customersTable).executeFilter(customerFilters.customer_code.eq('ARR3'))).toEqual([]);
  });

  it('gives SimpleTable the same records either way', async () => {
    const customers = await new SimpleTable(storage, customersTable).executeFilter(customerFilters.customer_code.in(['ARR1', 'ARR2']), {
      orderBy: [{ column: 'customer_code' }],
    });
    expect(customers).toEqual([
      { id: expect.any(Number), customer_code: 'ARR1', name: 'First', region: 'US' },
      { id: expect.any(Number), customer_code: 'ARR2', name: 'Second', region: 'EU' },
    ]);
  });
});
