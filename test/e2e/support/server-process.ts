import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { TEST_SERVER_BUNDLE } from '../../global-setup.js';
import { dropSchema, freshSchemaName, postgresUrl } from '../../support/engines.js';
import { TEST_JWT_SECRET } from '../../support/test-token.js';
import { freePort } from './free-port.js';

/** The repository root, where `src/` and `openapi.yaml` live. */
export const ROOT = resolve(import.meta.dirname, '../../..');

const TSX = ['--import', 'tsx'];

/** A real server process listening on a free port. */
export interface RunningServer {
  baseUrl: string;
  pid: number;
  /** Everything the process wrote, for failure messages. */
  output(): string;
  /** Sends a signal (SIGTERM for a graceful stop, SIGKILL for a crash). */
  signal(signal: NodeJS.Signals): void;
  /** Settles when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Stops the process (SIGTERM) and removes what `startServer` created for it. */
  stop(): Promise<void>;
}

/** A database prepared for server processes: the environment that points at it. */
export interface ServerDatabase {
  env: Record<string, string>;
  dispose(): Promise<void>;
}

/** Options for `startServer`. */
export interface StartServerOptions {
  /** Extra environment for the server and the data CLIs. */
  env?: Record<string, string>;
  /**
   * A TypeScript entry point relative to the root, run through tsx (the mock server uses its
   * own); by default the production bundle of src/server.ts that test/global-setup.ts built.
   */
  entry?: string;
  /** Whether to migrate and seed a fresh database first. */
  seed?: boolean;
  /** The variable the entry reads its port from (the mock server uses MOCK_PORT). */
  portVariable?: string;
  /** SQLite (a temp file, the default) or PostgreSQL (a fresh schema). */
  engine?: 'sqlite' | 'postgres';
}

/**
 * A fresh database for server processes: a temp SQLite file or its own PostgreSQL schema,
 * migrated and seeded through the CLIs when `seed` (the default) says so.
 */
export async function prepareServerDatabase(options: Pick<StartServerOptions, 'engine' | 'seed' | 'env'> = {}): Promise<ServerDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'tutorial-api-e2e-'));
  const schema = options.engine === 'postgres' ? freshSchemaName() : undefined;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    // Every test token names one caller (TEST_USER): high enough never to trip a suite, as in-process apps have it.
    RATE_LIMIT_PER_MINUTE: '1000000',
    RANDOM_NUMBERS_DAYS_BACK: '10',
    // No drain window before a SIGTERM'd test server stops (production's default is 5 s); the
    // suites that test the drain set their own.
    SHUTDOWN_DRAIN_MS: '0',
    DOCS_HTML: join(ROOT, 'dist/docs/index.html'),
    ...(schema ? { DATABASE_URL: postgresUrl, DATABASE_SCHEMA: schema } : { DATABASE_URL: join(dir, 'e2e.sqlite') }),
    ...options.env,
  };
  const dispose = async () => {
    rmSync(dir, { recursive: true, force: true });
    if (schema) await dropSchema(schema);
  };
  if (options.seed ?? true) {
    for (const cli of ['src/cli/migrate.ts', 'src/cli/seed-customers.ts', 'src/cli/random-number-launcher.ts']) {
      const run = spawnSync(process.execPath, [...TSX, cli], { cwd: ROOT, env, encoding: 'utf8' });
      if (run.status !== 0) {
        await dispose();
        throw new Error(`${cli} failed (${run.status}):\n${run.stdout}${run.stderr}`);
      }
    }
  }
  return { env, dispose };
}

/**
 * Starts the server (the production bundle unless `entry` names another program) as a child
 * process the way a deployment would, on `port` or one the OS said was free; resolves once
 * /health answers.
 */
export async function launchServer(
  env: Record<string, string>,
  options: Pick<StartServerOptions, 'entry' | 'portVariable'> & { port?: number } = {},
): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  let output = '';
  const child = spawn(process.execPath, options.entry ? [...TSX, options.entry] : [TEST_SERVER_BUNDLE], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), [options.portVariable ?? 'PORT']: String(port) },
    stdio: 'pipe',
  });
  child.stdout.on('data', (chunk) => (output += String(chunk)));
  child.stderr.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const server: RunningServer = {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid ?? -1,
    output: () => output,
    signal: (signal) => child.kill(signal),
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  try {
    await waitForHealth(server);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** A fresh database and a server on it; `stop` removes both. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const database = await prepareServerDatabase(options);
  try {
    const server = await launchServer(database.env, options);
    return {
      ...server,
      stop: async () => {
        await server.stop();
        await database.dispose();
      },
    };
  } catch (error) {
    await database.dispose();
    throw error;
  }
}

/** Polls /health until it answers; fails at once if the process exits first. */
async function waitForHealth(server: RunningServer): Promise<void> {
  let exited: number | null | undefined;
  void server.exited.then(({ code }) => (exited = code));
  for (;;) {
    if (exited !== undefined) throw new Error(`server exited with ${exited} before answering /health:\n${server.output()}`);
    // Any status means the server is listening; auth may refuse an anonymous /health.
    const answered = await fetch(`${server.baseUrl}/health`).then(
      (res) => res.status < 500,
      () => false,
    );
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
