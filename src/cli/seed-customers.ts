import { SimpleTable } from '../data/simple-table/simple-table.js';
import { SEED_CUSTOMERS } from '../data/tables/customers-seed.js';
import { customersTable } from '../data/tables/customers-table.js';
import { openConfiguredStorage } from '../startup/configured-storage.js';
import { runCli } from '../startup/run-cli.js';

runCli(async () => {
  const { storage } = await openConfiguredStorage();
  const written = await new SimpleTable(storage, customersTable).upsert(SEED_CUSTOMERS, ['customer_code']);
  console.log(`seeded ${written.length} customers (${[...new Set(SEED_CUSTOMERS.map((c) => c.region))].join(', ')})`);
  await storage.destroy();
});
