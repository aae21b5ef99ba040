import { describe, expect, it } from 'vitest';

import { defineDataNode } from '../../src/data/data-node/data-node-declaration.js';
import { DataNodeNotFoundError, TooManyRowsError } from '../../src/data/data-node/data-node-errors.js';
import { type DataNodeProducer, runProducer } from '../../src/data/data-node/data-node-producer.js';
import { DataNodeReader } from '../../src/data/data-node/data-node-reader.js';
import type { StorageEngine } from '../../src/data/engine/storage-engine.js';
import { columns } from '../../src/data/query/column.js';
import { randomNumberNode } from '../../src/data/tables/random-number-node.js';
import { randomNumberProducer } from '../../src/services/random-number-producer.js';
import { DAY_MS, parseUtcDate } from '../../src/services/utc-days.js';
import { engines } from '../support/engines.js';

const node = randomNumberNode('test');
const day = (iso: string) => parseUtcDate(iso);

async function storedDays(storage: StorageEngine): Promise<string[]> {
  const handle = await new DataNodeReader(storage).open(node);
  const rows = await handle.getBetweenDates(null, null);
  return rows.map((r) => r.time_index.toISOString().slice(0, 10));
}

/** The real producer, made to throw after `failAfter` rows: a crash in the middle of a batch. */
function crashingProducer(firstDay: string, lastDay: string, failAfter: number): DataNodeProducer<typeof node> {
  const real = randomNumberProducer(node, { firstDay: day(firstDay), lastDay: day(lastDay) });
  return {
    node,
    plan(after) {
      const plan = real.plan(after);
      function* rows() {
        let produced = 0;
        for (const row of plan.rows) {
          if (produced === failAfter) throw new Error('producer crashed mid-batch');
          produced += 1;
          yield row;
        }
      }
      return { total: plan.total, rows: rows() };
    },
  };
}

describe.each(engines)('DataNode producer and reader on $name', (engine) => {
  it('a first run writes one row per UTC day, inclusive, and a rerun writes nothing', async () => {
    const { storage, close } = await engine.open();
    try {
      const producer = randomNumberProducer(node, { firstDay: day('2026-01-01'), lastDay: day('2026-01-10') });
      const first = await runProducer(storage, producer);
      expect(first).toMatchObject({ written: 10, previousLast: null });
      expect(await storedDays(storage)).toHaveLength(10);
      const again = await runProducer(storage, producer);
      expect(again.written).toBe(0);
      expect(await storedDays(storage)).toHaveLength(10);
    } finally {
      await close();
    }
  });

  it('a producer that crashes mid-batch leaves the table unchanged; a rerun fills exactly the missing days', async () => {
    const { storage, close } = await engine.open();
    try {
      await runProducer(storage, randomNumberProducer(node, { firstDay: day('2026-01-01'), lastDay: day('2026-01-05') }));
      const before = await storedDays(storage);
      const beforeRows = await (await new DataNodeReader(storage).open(node)).getBetweenDates(null, null);

      // 250 rows to write in batches of 100: the crash comes after two batches were already sent.
      await expect(runProducer(storage, crashingProducer('2026-01-01', '2026-09-12', 230))).rejects.toThrow(/crashed/);
      expect(await storedDays(storage)).toEqual(before);
      const registered = (await new DataNodeReader(storage).fromIdentifier(node.identifier)).registered;
      expect(registered.lastUpdated).not.toBeNull();

      const progress: [number, number][] = [];
      const rerun = await runProducer(storage, randomNumberProducer(node, { firstDay: day('2026-01-01'), lastDay: day('2026-09-12') }), {
        onProgress: (written, total) => progress.push([written, total]),
      });
      expect(rerun.written).toBe(250);
      expect(progress.at(-1)).toEqual([250, 250]);
      const after = await storedDays(storage);
      expect(after).toHaveLength(255);
      expect(new Set(after).size).toBe(255);
      for (let i = 1; i < after.length; i++) {
        expect(Date.parse(after[i]!) - Date.parse(after[i - 1]!)).toBe(DAY_MS);
      }
      // Values already stored were not rewritten differently.
      const rowsAfter = await (await new DataNodeReader(storage).open(node)).getBetweenDates(null, day('2026-01-05'));
      expect(rowsAfter).toEqual(beforeRows);
    } finally {
      await close();
    }
  });

  it('getBetweenDates honours inclusive and exclusive bounds, columns and the row bound', async () => {
    const { storage, close } = await engine.open();
    try {
      await runProducer(storage, randomNumberProducer(node, { firstDay: day('2026-02-01'), lastDay: day('2026-02-10') }));
      const handle = await new DataNodeReader(storage).open(node);
      const inclusive = await handle.getBetweenDates(day('2026-02-02'), day('2026-02-04'));
      expect(inclusive).toHaveLength(3);
      // The same kind of read with other bounds (the compiled query is reused) reads its own rows.
      const later = await handle.getBetweenDates(day('2026-02-08'), day('2026-02-09'));
      expect(later.map((r) => r.time_index.toISOString())).toEqual(['2026-02-08T00:00:00.000Z', '2026-02-09T00:00:00.000Z']);
      expect(await handle.getBetweenDates(null, day('2026-02-01'))).toHaveLength(1);
      expect(await handle.getBetweenDates(day('2026-02-10'), null)).toHaveLength(1);
      const exclusive = await handle.getBetweenDates(day('2026-02-02'), day('2026-02-04'), {
        inclusiveStart: false,
        inclusiveEnd: false,
      });
      expect(exclusive.map((r) => r.time_index.toISOString())).toEqual(['2026-02-03T00:00:00.000Z']);
      const onlyIndex = await handle.getBetweenDates(day('2026-02-02'), day('2026-02-02'), { columns: [] });
      expect(Object.keys(onlyIndex[0]!)).toEqual(['time_index']);
      await expect(handle.getBetweenDates(null, null, { columns: ['nope'] })).rejects.toThrow(/unknown columns/);
      await expect(handle.getBetweenDates(null, null, { maxRows: 9 })).rejects.toBeInstanceOf(TooManyRowsError);
      expect(await handle.getBetweenDates(null, null, { maxRows: 10 })).toHaveLength(10);
    } finally {
      await close();
    }
  });

  it('an unknown identifier is a typed not-found error', async () => {
    const { storage, close } = await engine.open();
    try {
      await expect(new DataNodeReader(storage).fromIdentifier('no_such_node')).rejects.toBeInstanceOf(DataNodeNotFoundError);
    } finally {
      await close();
    }
  });

  it('a node with a unique_identifier dimension stores one row per (time, series) and filters by series', async () => {
    const { storage, close } = await engine.open();
    try {
      const prices = defineDataNode('test_prices_1d', { unique_identifier: columns.text(), close: columns.real() }, ['unique_identifier']);
      const t = (iso: string) => day(iso);
      const producer = (rows: { time_index: Date; unique_identifier: string; close: number }[]) => ({
        node: prices,
        plan: () => ({ total: rows.length, rows }),
      });
      await runProducer(
        storage,
        producer([
          { time_index: t('2026-01-01'), unique_identifier: 'AAPL', close: 1 },
          { time_index: t('2026-01-01'), unique_identifier: 'MSFT', close: 2 },
          { time_index: t('2026-01-02'), unique_identifier: 'AAPL', close: 3 },
        ]),
      );
      // Same identity again: an upsert, not a duplicate.
      await runProducer(storage, producer([{ time_index: t('2026-01-02'), unique_identifier: 'AAPL', close: 30 }]));
      const handle = await new DataNodeReader(storage).fromIdentifier('test_prices_1d');
      const all = await handle.getBetweenDates(null, null);
      expect(all).toHaveLength(3);
      const aapl = await handle.getBetweenDates(null, null, { uniqueIdentifiers: ['AAPL'] });
      expect(aapl.map((r) => r.close)).toEqual([1, 30]);
      expect(await handle.getBetweenDates(null, null, { uniqueIdentifiers: ["' OR 1=1 --"] })).toEqual([]);
    } finally {
      await close();
    }
  });
});
