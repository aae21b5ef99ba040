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
      ...serverEnv(database),
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
    env: { ...serverEnv(database), NODE_ENV: 'production' },
  };
}

/**
 * The variable that makes Node 20 parse a file of extra CA certificates as the process starts,
 * before any script runs and whether or not TLS is ever used.
 */
export const EXTRA_CA_CERTS_VARIABLE = 'NODE_EXTRA_CA_CERTS';

/**
 * The environment both servers run with: the CLIs' (bench/prepare-db.ts), less
 * NODE_EXTRA_CA_CERTS. Why: the README tells a host to set it only where the service talks TLS
 * to a private CA, and the servers here talk no TLS at all (tokens are HS256 under
 * AUTH_JWT_SECRET; the database is a file or PostgreSQL on loopback). The sandboxes these
 * figures come from set it, for their own proxy, to the whole system bundle, which Node parses
 * before the service's first line: 40-65 ms of every start. `make bench` still measures the cold
 * start with the host's variable as well and prints both (bench/main.ts).
 */
function serverEnv(database: string | BenchDatabase): NodeJS.ProcessEnv {
  const env = cliEnv(database);
  delete env[EXTRA_CA_CERTS_VARIABLE];
  return env;
}

/** `launch` with the host's NODE_EXTRA_CA_CERTS given back, or undefined when the host sets none. */
export function withHostExtraCaCerts(launch: Omit<ServerLaunch, 'port'>, host = process.env): Omit<ServerLaunch, 'port'> | undefined {
  const file = host[EXTRA_CA_CERTS_VARIABLE];
  return file ? { ...launch, env: { ...launch.env, [EXTRA_CA_CERTS_VARIABLE]: file } } : undefined;
}
