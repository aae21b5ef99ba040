import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './free-port.js';
import { TEST_JWT_SECRET } from './test-token.js';

/** The repository root, where `src/` and `openapi.yaml` live. */
export const ROOT = resolve(import.meta.dirname, '../../..');

/** A real server process listening on a free port, with its own SQLite database. */
export interface RunningServer {
  baseUrl: string;
  /** Everything the process wrote, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Options for `startServer`. */
export interface StartServerOptions {
  /** Extra environment for the server and the data CLIs. */
  env?: Record<string, string>;
  /** The entry point, relative to the root (the mock server uses its own). */
  entry?: string;
  /** Whether to migrate and seed a fresh database first. */
  seed?: boolean;
  /** The variable the entry reads its port from (the mock server uses MOCK_PORT). */
  portVariable?: string;
}

const TSX = ['--import', 'tsx'];

/**
 * Starts `src/server.ts` as a child process the way a deployment would: a temp SQLite file,
 * migrated and seeded through the CLIs, PORT set to a port the OS said was free, and
 * AUTH_JWT_SECRET set so the suites can mint their own tokens. Resolves once /health answers.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'tutorial-api-e2e-'));
  const port = await freePort();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: join(dir, 'e2e.sqlite'),
    LOG_LEVEL: 'warn',
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    RANDOM_NUMBERS_DAYS_BACK: '10',
    DOCS_HTML: join(ROOT, 'dist/docs/index.html'),
    ...options.env,
    [options.portVariable ?? 'PORT']: String(port),
  };
  if (options.seed ?? true) {
    for (const cli of ['src/cli/migrate.ts', 'src/cli/seed-customers.ts', 'src/cli/random-number-launcher.ts']) {
      const run = spawnSync(process.execPath, [...TSX, cli], { cwd: ROOT, env, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`${cli} failed (${run.status}):\n${run.stdout}${run.stderr}`);
    }
  }

  let output = '';
  const child = spawn(process.execPath, [...TSX, options.entry ?? 'src/server.ts'], { cwd: ROOT, env, stdio: 'pipe' });
  child.stdout.on('data', (chunk) => (output += String(chunk)));
  child.stderr.on('data', (chunk) => (output += String(chunk)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, output: () => output, stop };
}

/** Polls /health until it answers 200; fails at once if the process exits first. */
async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  for (;;) {
    if (exited !== undefined) throw new Error(`server exited with ${exited} before answering /health:\n${output()}`);
    // Any status means the server is listening; auth may refuse an anonymous /health.
    const answered = await fetch(`${baseUrl}/health`).then(
      (res) => res.status < 500,
      () => false,
    );
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
