import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from '../../src/config.js';

const run = promisify(execFile);

describe('configuration from the environment', () => {
  it('has a documented default for every setting', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8000,
      databaseUrl: 'data/tutorial.sqlite',
      projectId: 'local',
      bodyLimitBytes: 102_400,
      timeseriesMaxRows: 10_000,
      databaseSchema: undefined,
      databaseStatementTimeoutMs: 5_000,
      databaseConnectTimeoutMs: 2_000,
      shutdownGraceMs: 10_000,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT: /],
    [{ PORT: '70000' }, /^PORT: /],
    [{ PORT: '-1' }, /^PORT: /],
    [{ DATABASE_URL: 'mysql://db/x' }, /^DATABASE_URL: .*unsupported scheme/],
    [{ DATABASE_URL: 'postgres://' }, /^DATABASE_URL: /],
    [{ NODE_ENV: 'staging' }, /^NODE_ENV: /],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL: /],
    [{ BODY_LIMIT_BYTES: '10kb' }, /^BODY_LIMIT_BYTES: /],
    [{ MAIN_SEQUENCE_PROJECT_ID: 'a b' }, /^MAIN_SEQUENCE_PROJECT_ID: /],
    [{ DATABASE_SCHEMA: 'public; drop table x' }, /^DATABASE_SCHEMA: /],
    [{ DATABASE_STATEMENT_TIMEOUT_MS: '5s' }, /^DATABASE_STATEMENT_TIMEOUT_MS: /],
    [{ DATABASE_STATEMENT_TIMEOUT_MS: '0' }, /^DATABASE_STATEMENT_TIMEOUT_MS: /],
    [{ DATABASE_CONNECT_TIMEOUT_MS: '-5' }, /^DATABASE_CONNECT_TIMEOUT_MS: /],
    [{ SHUTDOWN_GRACE_MS: 'forever' }, /^SHUTDOWN_GRACE_MS: /],
    [{ PUBLIC_BASE_URL: 'api.example.com' }, /^PUBLIC_BASE_URL: must be an absolute http\(s\) URL/],
    [{ PUBLIC_BASE_URL: 'ftp://api.example.com' }, /^PUBLIC_BASE_URL: /],
    [{ PUBLIC_BASE_URL: 'https://api.example.com/?x=1' }, /^PUBLIC_BASE_URL: /],
    [{ METRICS_PORT: 'nine' }, /^METRICS_PORT: must be an integer/],
    [{ METRICS_PORT: '70000' }, /^METRICS_PORT: /],
    [{ PORT: '8000', METRICS_PORT: '8000' }, /^METRICS_PORT: must differ from PORT/],
  ])('when %j, refuses with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('takes PUBLIC_BASE_URL without its trailing slash, and leaves it unset by default', () => {
    expect(loadConfig({}).publicBaseUrl).toBeUndefined();
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://api.example.com/tutorial/' }).publicBaseUrl).toBe('https://api.example.com/tutorial');
    expect(loadConfig({ PUBLIC_BASE_URL: 'http://127.0.0.1:8000' }).publicBaseUrl).toBe('http://127.0.0.1:8000');
  });

  it('serves no metrics unless METRICS_PORT is set', () => {
    expect(loadConfig({}).metricsPort).toBeUndefined();
    expect(loadConfig({ METRICS_PORT: '9464' }).metricsPort).toBe(9464);
  });

  it('accepts PostgreSQL URLs and SQLite paths', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' }).databaseUrl).toMatch(/^postgres/);
    expect(loadConfig({ DATABASE_URL: '/tmp/x.sqlite' }).databaseUrl).toBe('/tmp/x.sqlite');
    expect(loadConfig({ DATABASE_URL: 'sqlite:data/y.db' }).databaseUrl).toBe('sqlite:data/y.db');
  });
});

describe('server start-up', () => {
  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://db/x' }, 'DATABASE_URL'],
    [{ AUTH_LOCAL_DEV_USER: '1', HOST: '0.0.0.0' }, 'AUTH_LOCAL_DEV_USER'],
  ])('when %j, exits non-zero with one line naming %s', async (env, variable) => {
    const attempt = run('npx', ['tsx', 'src/server.ts'], { env: { ...process.env, ...env }, timeout: 30_000 });
    const failure = await attempt.then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    const lines = failure!.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(variable);
  });
});
