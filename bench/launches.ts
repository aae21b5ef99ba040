import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { productionNodeFlags } from '../scripts/build/node-flags.js';
import type { BenchDatabase } from './bench-database.js';
import { ROOT, SERVER_ENTRY } from './paths.js';
import { cliEnv } from './prepare-db.js';
import type { ServerLaunch } from './processes.js';

/**
 * The service as production runs it: the built bundle, NODE_ENV=production, request and
 * response validation (always on), identity on (AUTH_JWT_SECRET set) and per-caller rate
 * limiting on. Variables the service does not know yet are simply ignored by it.
 */
export function serviceLaunch(
  database: string | BenchDatabase,
  authSecret: string,
  logLevel: string,
  nodeArgs: string[] = [],
  entry = SERVER_ENTRY,
): Omit<ServerLaunch, 'port'> {
  if (!existsSync(entry)) throw new Error(`${entry} is missing; run \`make build\` first`);
  return {
    name: 'service',
    // The same V8 heap settings `npm start` uses (package.json config.nodeFlags).
    args: [...productionNodeFlags(), ...nodeArgs, entry],
    env: {
      ...cliEnv(database),
      NODE_ENV: 'production',
      LOG_LEVEL: logLevel,
      AUTH_JWT_SECRET: authSecret,
      // The limiter stays on (its cost is part of every request) with a ceiling one load
      // generator cannot reach, so the cases measure answers rather than 429s.
      RATE_LIMIT_PER_MINUTE: '1000000',
    },
  };
}

/** The floor server of the database's engine (bench/floor-server.ts or floor-server-postgres.ts, run through tsx). */
export function floorLaunch(database: string | BenchDatabase, nodeArgs: string[] = []): Omit<ServerLaunch, 'port'> {
  const postgres = typeof database !== 'string' && database.engine === 'postgres';
  return {
    name: 'floor',
    args: [...nodeArgs, '--import', 'tsx', join(ROOT, 'bench', postgres ? 'floor-server-postgres.ts' : 'floor-server.ts')],
    env: { ...cliEnv(database), NODE_ENV: 'production' },
  };
}
