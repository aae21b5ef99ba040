import { openConfiguredStorage } from '../startup/configured-storage.js';
import { runCli } from '../startup/run-cli.js';

runCli(async () => {
  const { storage, applied } = await openConfiguredStorage();
  console.log(applied.length === 0 ? 'schema is up to date' : `applied migrations: ${applied.join(', ')}`);
  await storage.destroy();
});
