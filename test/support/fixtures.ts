import { runProducer } from '../../src/data/data-node/data-node-producer.js';
import type { StorageEngine } from '../../src/data/engine/storage-engine.js';
import { SimpleTable } from '../../src/data/simple-table/simple-table.js';
import { customersTable, type NewCustomerRecord } from '../../src/data/tables/customers-table.js';
import { randomNumberNode } from '../../src/data/tables/random-number-node.js';
import { randomNumberProducer } from '../../src/services/random-number-producer.js';
import { parseUtcDate } from '../../src/services/utc-days.js';

/** Inserts customers and returns them as stored (the write stamped by `now`, the system clock by default). */
export function insertCustomers(storage: StorageEngine, customers: NewCustomerRecord[], now?: () => Date) {
  return new SimpleTable(storage, customersTable, now ? { now } : {}).insert(customers);
}

/** `count` customers spread over US, EU, APAC and LATAM with codes C0001... */
export function manyCustomers(count: number, prefix = 'C'): NewCustomerRecord[] {
  const regions = ['US', 'EU', 'APAC', 'LATAM'];
  return Array.from({ length: count }, (_, i) => ({
    customer_code: `${prefix}${String(i + 1).padStart(4, '0')}`,
    name: `Customer ${i + 1}`,
    region: regions[i % regions.length]!,
  }));
}

/** Publishes the `local` random-number series for the whole UTC days `first`..`last` (the update stamped by `now`). */
export function publishRandomNumbers(storage: StorageEngine, first: string, last: string, projectId = 'local', now?: () => Date) {
  const node = randomNumberNode(projectId);
  return runProducer(
    storage,
    randomNumberProducer(node, { firstDay: parseUtcDate(first), lastDay: parseUtcDate(last) }),
    now ? { now } : {},
  );
}
