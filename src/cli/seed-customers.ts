import { SimpleTable } from '../data/simple-table/simple-table.js';
import { customersTable } from '../data/tables/customers-table.js';
import { SEED_CUSTOMERS } from './seed-data.js';
import { openConfiguredStorage, runCli } from './open-configured-storage.js';

runCli(async () => {
  const { storage } = await openConfiguredStorage();
  const written = await new SimpleTable(storage, customersTable).upsert(SEED_CUSTOMERS, ['customer_code']);
  console.log(`seeded ${written.length} customers (${[...new Set(SEED_CUSTOMERS.map((c) => c.region))].join(', ')})`);
  await storage.destroy();
});
