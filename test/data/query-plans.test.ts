import type { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runProducer } from '../../src/data/data-node/data-node-producer.js';
import { DataNodeReader } from '../../src/data/data-node/data-node-reader.js';
import type { StorageEngine } from '../../src/data/engine/storage-engine.js';
import { SimpleTable } from '../../src/data/simple-table/simple-table.js';
import { customerFilters, customersTable } from '../../src/data/tables/customers-table.js';
import { randomNumberNode } from '../../src/data/tables/random-number-node.js';
import { encodeCustomerCursor } from '../../src/services/customer-cursor.js';
import { CustomersService } from '../../src/services/customers-service.js';
import { randomNumberProducer } from '../../src/services/random-number-producer.js';
import { RandomNumbersService } from '../../src/services/random-numbers-service.js';
import { DAY_MS, parseUtcDate } from '../../src/services/utc-days.js';
import { engines } from '../support/engines.js';
import { analyzeTables, explain } from '../support/query-plan.js';

/**
 * The reads `make bench-scale` holds to a flat cost per request as tables grow from 10k to 1M
 * customers and 1 to 30 years of days, checked where the cost comes from: the plan the engine
 * makes for the exact SQL the services send. Small tables (5,000 customers, ten years of days)
 * with fresh statistics, so PostgreSQL's planner chooses as it does for large ones.
 */
const CUSTOMERS = 5_000;
const REGIONS = ['US', 'EU', 'APAC', 'LATAM'];
const node = randomNumberNode('plans');
const lastDay = parseUtcDate('2026-06-30');

/** The SQL the services sent while `work` ran (the engine's onQuery hook fills `sent`). */
async function queriesOf(sent: CompiledQuery[], work: () => Promise<unknown>): Promise<CompiledQuery[]> {
  sent.length = 0;
  await work();
  return [...sent];
}

/** The registry holds one row per published series however long each is, so its lookup is left out. */
const readsGrowingTable = (query: CompiledQuery) => !query.sql.includes('"data_nodes"');

describe.each(engines)('query plans of the bench-scale reads on $name', (engine) => {
  const sent: CompiledQuery[] = [];
  let storage: StorageEngine;
  let close: () => Promise<void>;
  let customers: CustomersService;
  let randomNumbers: RandomNumbersService;

  beforeAll(async () => {
    ({ storage, close } = await engine.open({ onQuery: (query) => sent.push(query) }));
    const table = new SimpleTable(storage, customersTable);
    for (let first = 1; first <= CUSTOMERS; first += 1_000) {
      const rows = Array.from({ length: 1_000 }, (_, i) => ({
        customer_code: `PLAN${first + i}`,
        name: `Customer ${first + i}`,
        region: REGIONS[(first + i) % 4]!,
      }));
      await table.insert(rows);
    }
    await runProducer(storage, randomNumberProducer(node, { firstDay: new Date(lastDay.getTime() - 3_650 * DAY_MS), lastDay }));
    await analyzeTables(storage, ['customers', 'data_nodes', node.table.name]);
    customers = new CustomersService(table);
    randomNumbers = new RandomNumbersService(new DataNodeReader(storage), node, 10_000);
  });
  afterAll(() => close());

  const reads: [string, () => Promise<unknown>][] = [
    ['the first page of a region', () => customers.list({ region: 'US', limit: 50 })],
    [
      'a page deep in a region (keyset cursor near the end)',
      () => customers.list({ region: 'US', limit: 50, cursor: encodeCustomerCursor(CUSTOMERS - 400) }),
    ],
    ['one customer by code', () => customers.get(`PLAN${CUSTOMERS / 2}`)],
    ['one year of random numbers out of ten', () => randomNumbers.between({ start_date: '2025-07-01', end_date: '2026-06-30' })],
  ];

  it.each(reads)('when the service reads %s, no step of any plan reads a whole table or sorts every match', async (_name, read) => {
    const queries = (await queriesOf(sent, read)).filter(readsGrowingTable);
    expect(queries.length).toBeGreaterThan(0);
    for (const query of queries) {
      const plan = await explain(storage, query);
      const lines = plan.map((step) => step.line);
      expect(
        plan.filter((step) => step.fullScan).map((step) => `${step.line}: ${step.fullScan}`),
        `${query.sql}\n${lines.join('\n')}`,
      ).toEqual([]);
    }
  });

  it('when a query filters on a column without an index, the plan check reports the full scan', async () => {
    const [query] = await queriesOf(sent, () =>
      new SimpleTable(storage, customersTable).executeFilter(customerFilters.name.eq('Customer 7'), { limit: 5 }),
    );
    const plan = await explain(storage, query!);
    expect(
      plan.some((step) => step.fullScan === (storage.kind === 'sqlite' ? 'reads the whole table or index' : 'reads the whole table')),
    ).toBe(true);
  });
});
