import { createRequire } from 'node:module';

import { PostgresDialect } from 'kysely';
import type pgModule from 'pg';

import { ConnectionUse } from './connection-use.js';
import { discardingPool } from './discarding-pool.js';
import type { OutagePolicy } from './guarded-dialect.js';
import { type EngineTraits, guardedEngine } from './guarded-engine.js';
import { pgArrayReads } from './pg-array-reads.js';
import { PgRowMode } from './pg-row-mode.js';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_STATEMENT_TIMEOUT_MS, type StorageEngine, type StorageOptions } from './storage-engine.js';
import type { OutageKind } from './storage-unavailable-error.js';

const INT8_OID = 20;
const NUMERIC_OID = 1700;
/**
 * Idle time before the kernel starts probing a database connection. Without keep-alive, a
 * connection whose peer vanished without a reset (a silent link, a lost NAT entry) looks open
 * for hours (Linux waits 2 h by default) and is only found out by a query timing out on it.
 */
const KEEP_ALIVE_IDLE_MS = 10_000;

/** Options for a PostgreSQL engine. */
export interface PostgresEngineOptions extends StorageOptions {
  connectionString: string;
  maxConnections?: number;
}

/**
 * node-postgres, loaded when the first PostgreSQL engine is opened rather than with this module:
 * as it loads it looks for a browser `Response` (to detect Cloudflare), which makes Node load its
 * whole fetch implementation, a tenth of the start-up CPU of a server on SQLite (`node
 * --cpu-prof` of `dist/server.cjs` to its first 200). Required at run time, it stays out of the
 * server bundle and comes from node_modules.
 */
function loadPg(): typeof pgModule {
  return createRequire(import.meta.url)('pg') as typeof pgModule;
}

/**
 * A pool of PostgreSQL connections, opened lazily (a database that is down at start-up is not
 * an error until a query needs it); epoch-millisecond bigints come back as numbers.
 */
export function openPostgresEngine(options: PostgresEngineOptions): StorageEngine {
  const pg = loadPg();
  const statementTimeoutMs = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  // pg asks for each column's parser on every result: hand out one function, not a new one each time.
  const asNumber = (value: string) => Number(value);
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID || oid === NUMERIC_OID ? asNumber : pg.types.getTypeParser(oid, format ?? 'text'),
  };
  const max = options.maxConnections ?? 10;
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max,
    types: types as pgModule.CustomTypesConfig,
    // Bounds the wait for a connection, new or from a busy pool, so an outage answers 503 in time.
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    // The server cancels a statement after this; the client gives up a little later in case
    // the answer never arrives (a connection silently dropped by the network): each query's
    // read deadline below, not pg's `query_timeout` (read-deadline.ts says why).
    statement_timeout: statementTimeoutMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEP_ALIVE_IDLE_MS,
    ...(options.schema ? { options: `-c search_path=${checkedSchemaName(options.schema)}` } : {}),
  });
  // An idle connection dropped by the server (restart, failover) is removed by the pool; without
  // a listener the pool's 'error' event would end the process.
  pool.on('error', () => undefined);
  // A connection whose query failed with an outage (above all a client-side timeout, whose
  // answer may never come) is destroyed on release rather than reused.
  const rowMode = new PgRowMode();
  const isOutage = (error: unknown) => postgresOutage(error) !== undefined;
  const readTimeoutMs = statementTimeoutMs + 1_000;
  const dialect = new PostgresDialect({ pool: discardingPool(pool, { isOutage, readTimeoutMs, rowMode }) });
  const policy: OutagePolicy = { classify: postgresOutage };
  const traits: EngineTraits = {
    kind: 'postgres',
    schema: options.schema ?? 'public',
    // pg.Pool's public counters; the wait for a connection is timed by the guarded driver.
    poolStatus: () => ({ max, open: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    isUniqueViolation: (error) => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505',
  };
  return guardedEngine(traits, dialect, policy, {
    prepare: options.prepare,
    onQuery: options.onQuery,
    // Template reads (SimpleTable, DataNode): rows as arrays, as named prepared statements (PgRowMode).
    arrayRows: (read) => rowMode.reading(read),
    // ...and, outside a transaction, straight on the pool (see pgArrayReads).
    readArrays: pgArrayReads(pool, { rowMode, isOutage, readTimeoutMs, onAcquired: options.onConnectionAcquired }),
    connectionUse: new ConnectionUse(options.onConnectionAcquired),
  });
}

const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATE classes 08 (connection exception), 53 (insufficient resources) and 57P0x (server
 * shutting down or starting), 57014 (statement timeout), plus the driver's own network and
 * timeout errors, which carry no SQLSTATE.
 */
function postgresOutage(error: unknown): OutageKind | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = String((error as { code?: unknown }).code ?? '');
  const message = String((error as { message?: unknown }).message ?? '');
  if (code === '57014' || /Query read timeout/i.test(message)) return 'timeout';
  if (/^(08|53|57P0)/.test(code) || NETWORK_ERROR_CODES.has(code)) return 'unreachable';
  if (/timeout exceeded when trying to connect|Connection terminated|not queryable|connection timeout/i.test(message)) return 'unreachable';
  return undefined;
}

/** Schema names come from configuration; check them before they reach a connection option. */
function checkedSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  return schema;
}
