import { openConfiguredStorage, runCli } from './open-configured-storage.js';

runCli(async () => {
  const { storage, applied } = await openConfiguredStorage();
  console.log(applied.length === 0 ? 'schema is up to date' : `applied migrations: ${applied.join(', ')}`);
  await storage.destroy();
});
