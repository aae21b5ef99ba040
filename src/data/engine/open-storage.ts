import { parseDatabaseUrl } from './database-url.js';
import { openPostgresEngine } from './postgres-engine.js';
import { openSqliteEngine } from './sqlite-engine.js';
import type { StorageEngine, StorageOptions } from './storage-engine.js';

/** Opens the engine `DATABASE_URL` names; nothing connects until the first query. */
export function openStorage(databaseUrl: string, options: StorageOptions = {}): StorageEngine {
  const location = parseDatabaseUrl(databaseUrl);
  if (location.kind === 'sqlite') return openSqliteEngine(location.filename, options);
  return openPostgresEngine({ connectionString: location.connectionString, ...options });
}
