import proxyAddr from 'proxy-addr';

import { DatabaseUrlError, parseDatabaseUrl } from './data/engine/database-url.js';
import type { StorageOptions } from './data/engine/storage-engine.js';
import type { EnvReader, NodeEnv } from './env-reader.js';
import { type AuthConfig, parseAuthConfig } from './identity/auth-config.js';
import { parseLocalDevUser } from './identity/local-dev-user.js';

/** Every setting the service reads, parsed once from the environment. */
export interface AppConfig {
  /** NODE_ENV: `production` turns on production safety checks. */
  readonly nodeEnv: NodeEnv;
  /** HOST: interface to listen on. */
  readonly host: string;
  /** PORT: TCP port (0 picks a free one). */
  readonly port: number;
  /** DATABASE_URL: `postgres://...` or a SQLite file path. */
  readonly databaseUrl: string;
  /** DATABASE_SCHEMA: PostgreSQL schema holding the tables (created by the migrations); ignored by SQLite. */
  readonly databaseSchema: string | undefined;
  /** DATABASE_STATEMENT_TIMEOUT_MS: longest a statement may run (SQLite: wait for a lock) before the request gets a 503. */
  readonly databaseStatementTimeoutMs: number;
  /** DATABASE_CONNECT_TIMEOUT_MS: PostgreSQL: longest wait for a connection before the request gets a 503. */
  readonly databaseConnectTimeoutMs: number;
  /** HEADERS_TIMEOUT_MS: longest a client may take to send a request's headers; then a 408 problem and the connection is closed. */
  readonly headersTimeoutMs: number;
  /** REQUEST_TIMEOUT_MS: longest a client may take to send a whole request (headers and body); then a 408 problem and the connection is closed. */
  readonly requestTimeoutMs: number;
  /** MAX_CONNECTIONS: most sockets open at once; further connections are closed as they arrive. */
  readonly maxConnections: number;
  /** SHUTDOWN_GRACE_MS: how long SIGTERM/SIGINT waits for in-flight requests before cutting them off. */
  readonly shutdownGraceMs: number;
  /**
   * SHUTDOWN_DRAIN_MS: on SIGTERM, how long the server goes on answering (with `Connection:
   * close`, and /ready 503) before it stops accepting, so load balancers take it out first.
   */
  readonly shutdownDrainMs: number;
  /** LOG_LEVEL: pino level. */
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** MAIN_SEQUENCE_PROJECT_ID: names the random-number series. */
  readonly projectId: string;
  /** BODY_LIMIT_BYTES: largest accepted request body. */
  readonly bodyLimitBytes: number;
  /** TIMESERIES_MAX_ROWS: largest time-series read one request may ask for. */
  readonly timeseriesMaxRows: number;
  /** DOCS_HTML: the built Redoc page served at /docs. */
  readonly docsHtml: string;
  /** AUTH_*: how callers are authenticated (see src/identity/auth-config.ts). */
  readonly auth: AuthConfig;
  /** CORS_ORIGINS: comma-separated origins allowed to call from a browser; empty turns CORS off. */
  readonly corsOrigins: readonly string[];
  /** RATE_LIMIT_PER_MINUTE: requests one caller (user, or IP when anonymous) may make per minute; 0 turns it off. */
  readonly rateLimitPerMinute: number;
  /** RATE_LIMIT_REDIS_URL: Redis holding the rate-limit counters, shared by every process; unset keeps them in memory. */
  readonly rateLimitRedisUrl: string | undefined;
  /** RATE_LIMIT_REDIS_TIMEOUT_MS: longest a rate-limit call to Redis may take before the request is served without a limit. */
  readonly rateLimitRedisTimeoutMs: number;
  /**
   * TRUST_PROXY: which proxies in front may name the client in `X-Forwarded-For`: false (none:
   * the socket's peer is the client), a hop count, or addresses and CIDR ranges (Express's
   * `trust proxy` setting, evaluated by proxy-addr).
   */
  readonly trustProxy: false | number | readonly string[];
  /** METRICS_PORT: port of a separate listener (on HOST) serving GET /metrics for Prometheus; unset: no metrics. */
  readonly metricsPort: number | undefined;
  /**
   * PUBLIC_BASE_URL: the API root as its public reaches it (absolute http(s) URL, no trailing
   * slash). Command Center's discovery document then carries `apiBaseUrl` and absolute logo URLs.
   */
  readonly publicBaseUrl: string | undefined;
  /** AUTH_LOCAL_DEV_USER=1: a request with no credentials acts as the local developer with read scopes (loopback, not production). */
  readonly localDevUser: boolean;
}

/** One environment variable with a bad value; the message names it. */
export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`${variable}: ${problem}`);
  }
}

type Env = Record<string, string | undefined>;

/** Parses the environment into a frozen config, or throws ConfigError naming the variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const host = text(env, 'HOST', '127.0.0.1');
  const port = integer(env, 'PORT', 8000, 0, 65535);
  return Object.freeze({
    nodeEnv,
    host,
    port,
    databaseUrl: databaseUrl(env),
    databaseSchema: databaseSchema(env),
    databaseStatementTimeoutMs: integer(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 5_000, 10, 600_000),
    databaseConnectTimeoutMs: integer(env, 'DATABASE_CONNECT_TIMEOUT_MS', 2_000, 10, 600_000),
    ...clientTimeouts(env),
    maxConnections: integer(env, 'MAX_CONNECTIONS', 1_024, 1, 1_000_000),
    shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    shutdownDrainMs: integer(env, 'SHUTDOWN_DRAIN_MS', 5_000, 0, 600_000),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    projectId: projectId(env),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 102_400, 1, 10_485_760),
    timeseriesMaxRows: integer(env, 'TIMESERIES_MAX_ROWS', 10_000, 1, 1_000_000),
    docsHtml: text(env, 'DOCS_HTML', 'dist/docs/index.html'),
    auth: parseAuthConfig(envReader(env, 'AUTH_'), nodeEnv),
    corsOrigins: corsOrigins(env),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 600, 0, 1_000_000),
    rateLimitRedisUrl: redisUrl(env),
    rateLimitRedisTimeoutMs: integer(env, 'RATE_LIMIT_REDIS_TIMEOUT_MS', 200, 1, 60_000),
    trustProxy: trustProxy(env),
    metricsPort: metricsPort(env, port),
    publicBaseUrl: publicBaseUrl(env),
    localDevUser: parseLocalDevUser(envReader(env, 'AUTH_'), nodeEnv, host),
  });
}

/** Node refuses a headers timeout longer than the request timeout (which includes the headers). */
function clientTimeouts(env: Env): { headersTimeoutMs: number; requestTimeoutMs: number } {
  const headersTimeoutMs = integer(env, 'HEADERS_TIMEOUT_MS', 10_000, 100, 600_000);
  const requestTimeoutMs = integer(env, 'REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000);
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new ConfigError(
      'HEADERS_TIMEOUT_MS',
      `must not exceed REQUEST_TIMEOUT_MS (${requestTimeoutMs}), which includes the time to send the headers`,
    );
  }
  return { headersTimeoutMs, requestTimeoutMs };
}

function publicBaseUrl(env: Env): string | undefined {
  const value = env.PUBLIC_BASE_URL?.trim();
  if (value === undefined || value === '') return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.username || url.password || url.search || url.hash) {
    throw new ConfigError(
      'PUBLIC_BASE_URL',
      `must be an absolute http(s) URL without query or fragment, such as https://api.example.com, got ${JSON.stringify(value)}`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

/** A reader over the variables named `prefix*` only: the slice of the environment one part owns. */
function envReader(env: Env, prefix: string): EnvReader {
  return {
    text: (name) => {
      if (!name.startsWith(prefix)) throw new Error(`${name} is outside the ${prefix}* variables this parser was given`);
      const value = env[name]?.trim();
      return value === undefined || value === '' ? undefined : value;
    },
    fail: (name, problem) => {
      throw new ConfigError(name, problem);
    },
  };
}

function corsOrigins(env: Env): string[] {
  const raw = text(env, 'CORS_ORIGINS', '');
  const origins = raw
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    // An allow-list of exact origins only: `*` would let every site read responses.
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== origin) {
      throw new ConfigError(
        'CORS_ORIGINS',
        `each entry must be an exact origin such as https://app.example.com, got ${JSON.stringify(origin)}`,
      );
    }
  }
  return origins;
}

/** Off unless set; never the API's own port (0 picks a free one, as PORT=0 does). */
function metricsPort(env: Env, apiPort: number): number | undefined {
  if (env.METRICS_PORT?.trim() === undefined || env.METRICS_PORT.trim() === '') return undefined;
  const port = integer(env, 'METRICS_PORT', 0, 0, 65535);
  if (port !== 0 && port === apiPort) {
    throw new ConfigError('METRICS_PORT', `must differ from PORT (${apiPort}): the metrics are served on a listener of their own`);
  }
  return port;
}

const TRUST_PROXY_FORM = 'a hop count such as 1, or comma-separated addresses and CIDR ranges such as 10.0.0.0/8,127.0.0.1';

/** Off (false) when unset or 0; a hop count; or a list proxy-addr compiles (an entry it refuses is named). */
function trustProxy(env: Env): false | number | readonly string[] {
  const raw = env.TRUST_PROXY?.trim();
  if (raw === undefined || raw === '' || raw === '0') return false;
  if (/^\d+$/.test(raw)) return integer(env, 'TRUST_PROXY', 0, 0, 100);
  const entries = raw.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    // proxy-addr also takes its names loopback, linklocal and uniquelocal; anything else must parse as an address or range.
    let valid = entry !== '';
    try {
      if (valid) proxyAddr.compile(entry);
    } catch {
      valid = false;
    }
    if (!valid) throw new ConfigError('TRUST_PROXY', `must be ${TRUST_PROXY_FORM}, got ${JSON.stringify(entry)} in ${JSON.stringify(raw)}`);
  }
  return Object.freeze(entries);
}

function redisUrl(env: Env): string | undefined {
  const value = env.RATE_LIMIT_REDIS_URL?.trim();
  if (value === undefined || value === '') return undefined;
  if (!/^rediss?:\/\/./.test(value)) {
    throw new ConfigError('RATE_LIMIT_REDIS_URL', 'must be a redis:// or rediss:// URL');
  }
  return value;
}

/** Default embedded database file, relative to the working directory. */
export const DEFAULT_DATABASE_URL = 'data/tutorial.sqlite';

function databaseUrl(env: Env): string {
  const value = text(env, 'DATABASE_URL', DEFAULT_DATABASE_URL);
  try {
    parseDatabaseUrl(value);
  } catch (error) {
    if (error instanceof DatabaseUrlError) throw new ConfigError('DATABASE_URL', error.message);
    throw error;
  }
  return value;
}

function databaseSchema(env: Env): string | undefined {
  const value = env.DATABASE_SCHEMA?.trim();
  if (value === undefined || value === '') return undefined;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(value)) {
    throw new ConfigError(
      'DATABASE_SCHEMA',
      `must be a lower-case PostgreSQL identifier (letters, digits, '_'), got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** The storage options the configuration names (timeouts, PostgreSQL schema). */
export function storageOptions(config: AppConfig): Omit<StorageOptions, 'prepare'> {
  return {
    ...(config.databaseSchema ? { schema: config.databaseSchema } : {}),
    statementTimeoutMs: config.databaseStatementTimeoutMs,
    connectTimeoutMs: config.databaseConnectTimeoutMs,
  };
}

function projectId(env: Env): string {
  const value = text(env, 'MAIN_SEQUENCE_PROJECT_ID', 'local');
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(value)) {
    throw new ConfigError('MAIN_SEQUENCE_PROJECT_ID', `must be 1-64 letters, digits, '.', '_' or '-', got ${JSON.stringify(value)}`);
  }
  return value;
}

function text(env: Env, name: string, fallback: string): string {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? fallback : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function oneOf<const T extends readonly string[]>(env: Env, name: string, allowed: T, fallback: T[number]): T[number] {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!allowed.includes(raw)) throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(raw)}`);
  return raw as T[number];
}
