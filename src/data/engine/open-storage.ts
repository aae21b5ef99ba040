import { parseDatabaseUrl } from './database-url.js';
import { openPostgresEngine } from './postgres-engine.js';
import { openSqliteEngine } from './sqlite-engine.js';
import type { StorageEngine } from './storage-engine.js';

/** Opens the engine `DATABASE_URL` names; `schema` only applies to PostgreSQL. */
export async function openStorage(databaseUrl: string, options: { schema?: string } = {}): Promise<StorageEngine> {
  const location = parseDatabaseUrl(databaseUrl);
  if (location.kind === 'sqlite') return openSqliteEngine(location.filename);
  return openPostgresEngine({ connectionString: location.connectionString, ...options });
}
