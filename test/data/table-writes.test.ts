import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { openStorage } from '../../src/data/engine/open-storage.js';
import type { StorageEngine } from '../../src/data/engine/storage-engine.js';
import { migrateToLatest } from '../../src/data/migrations.js';
import { SimpleTable } from '../../src/data/simple-table/simple-table.js';
import { UniqueViolationError } from '../../src/data/simple-table/table-errors.js';
import { customersTable } from '../../src/data/tables/customers-table.js';
import { dropSchema, engines, freshSchemaName, postgresUrl, type TestEngine } from '../support/engines.js';

/** A database that can be closed and opened again, as a restarted process would. */
function persistentDatabase(engine: TestEngine['name']) {
  let dir: string | undefined;
  const schema = engine === 'postgres' ? freshSchemaName() : undefined;
  return {
    async open(): Promise<StorageEngine> {
      if (engine === 'sqlite') dir ??= mkdtempSync(join(tmpdir(), 'table-writes-'));
      const storage = dir ? await openStorage(join(dir, 'db.sqlite')) : await openStorage(postgresUrl, { schema });
      await migrateToLatest(storage);
      return storage;
    },
    async dispose() {
      if (dir) rmSync(dir, { recursive: true, force: true });
      if (schema) await dropSchema(schema);
      dir = undefined;
    },
  };
}

const at = (iso: string) => () => new Date(iso);
const customer = (code: string) => ({ customer_code: code, name: `Customer ${code}`, region: 'US' });

describe.each(engines)('a table remembers its last write, on $name', ({ name }) => {
  let database = persistentDatabase(name);
  const opened: StorageEngine[] = [];
  const open = async () => {
    const storage = await database.open();
    opened.push(storage);
    return storage;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.destroy()));
    await database.dispose();
    database = persistentDatabase(name);
  });

  it('when never written, has no last write; inserts and upserts stamp it, and it survives a restart', async () => {
    const storage = await open();
    expect(await new SimpleTable(storage, customersTable).lastWrite()).toBeNull();

    await new SimpleTable(storage, customersTable, { now: at('2026-01-02T03:04:05.678Z') }).insert([customer('A'), customer('B')]);
    expect(await new SimpleTable(storage, customersTable).lastWrite()).toEqual(new Date('2026-01-02T03:04:05.678Z'));

    await new SimpleTable(storage, customersTable, { now: at('2026-02-01T00:00:00Z') }).upsert([customer('A')], ['customer_code']);
    expect(await new SimpleTable(storage, customersTable).lastWrite()).toEqual(new Date('2026-02-01T00:00:00Z'));

    await storage.destroy();
    const restarted = await open();
    expect(await new SimpleTable(restarted, customersTable).lastWrite()).toEqual(new Date('2026-02-01T00:00:00Z'));
  });

  it('when the write fails or its transaction rolls back, the last write stays where it was', async () => {
    const storage = await open();
    await new SimpleTable(storage, customersTable, { now: at('2026-03-01T00:00:00Z') }).insert(customer('A'));

    const clash = new SimpleTable(storage, customersTable, { now: at('2026-03-02T00:00:00Z') }).insert(customer('A'));
    await expect(clash).rejects.toBeInstanceOf(UniqueViolationError);

    const rolledBack = storage.db.transaction().execute(async (trx) => {
      await new SimpleTable({ ...storage, db: trx }, customersTable, { now: at('2026-03-03T00:00:00Z') }).insert(customer('B'));
      throw new Error('abandon the transaction');
    });
    await expect(rolledBack).rejects.toThrow('abandon the transaction');

    expect(await new SimpleTable(storage, customersTable).lastWrite()).toEqual(new Date('2026-03-01T00:00:00Z'));
  });

  it('when a process with a lagging clock writes, the last write does not move back', async () => {
    const storage = await open();
    await new SimpleTable(storage, customersTable, { now: at('2026-04-02T00:00:00Z') }).insert(customer('A'));
    await new SimpleTable(storage, customersTable, { now: at('2026-04-01T00:00:00Z') }).insert(customer('B'));
    expect(await new SimpleTable(storage, customersTable).lastWrite()).toEqual(new Date('2026-04-02T00:00:00Z'));
  });
});
