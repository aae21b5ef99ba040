import { type AppConfig, loadConfig, storageOptions } from '../config.js';
import { openStorage } from '../data/engine/open-storage.js';
import type { StorageEngine } from '../data/engine/storage-engine.js';
import { migrateToLatest } from '../data/migrations.js';

/** For command-line tools: config from the environment, storage opened and migrated. */
export async function openConfiguredStorage(): Promise<{ config: AppConfig; storage: StorageEngine; applied: string[] }> {
  const config = loadConfig();
  const storage = openStorage(config.databaseUrl, storageOptions(config));
  const applied = await migrateToLatest(storage);
  return { config, storage, applied };
}
