// The database goes away, hangs or cannot be read: requests get a documented 503 with
// Retry-After in bounded time, /ready says so, /health does not, and the service recovers by
// itself when the database is back. PostgreSQL is cut through a TCP proxy or blocked by a
// lock; SQLite is an unreadable file or a write lock held by another process.
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import SQLite from 'better-sqlite3';
import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { StorageEngine } from '../../src/data/engine/storage-engine.js';
import { openMigratedStorage } from '../../src/data/migrations.js';
import { dropSchema, engines, freshSchemaName, postgresUrl } from '../support/engines.js';
import { insertCustomers } from '../support/fixtures.js';
import { type CuttableProxy, startCuttableProxy } from '../support/tcp-proxy.js';
import { buildTestApp, type TestAgent } from '../support/test-app.js';

const TIMEOUTS = { statementTimeoutMs: 1_000, connectTimeoutMs: 500 };
/** "No hang": every answer during an outage comes within the configured timeouts plus slack. */
const ANSWER_BOUND_MS = 5_000;

/** Sends a request and checks it is the documented 503: problem, Retry-After, a clear detail. */
async function expectUnavailable(send: () => request.Test, detail: RegExp): Promise<void> {
  const started = performance.now();
  const res = await send();
  const elapsed = performance.now() - started;
  expect(res.status, JSON.stringify(res.body)).toBe(503);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(res.body).toMatchObject({ type: 'urn:problem-type:database-unavailable', status: 503 });
  expect(res.body.detail).toMatch(detail);
  expect(elapsed).toBeLessThan(ANSWER_BOUND_MS);
}

function codes(res: { body: { customer_code: string }[] }): string[] {
  return res.body.map((c) => c.customer_code);
}

describe.skipIf(!engines.some((e) => e.name === 'postgres'))('database faults on postgres', () => {
  const target = new URL(postgresUrl);
  let proxy: CuttableProxy;
  let proxiedUrl: string;
  const schemas: string[] = [];
  const opened: StorageEngine[] = [];

  async function appThroughProxy(): Promise<{ app: Server; api: TestAgent; schema: string }> {
    const schema = freshSchemaName();
    schemas.push(schema);
    const storage = openMigratedStorage(proxiedUrl, { schema, ...TIMEOUTS });
    opened.push(storage);
    return { ...(await buildTestApp(storage)), schema };
  }

  beforeAll(async () => {
    proxy = await startCuttableProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const proxied = new URL(postgresUrl);
    proxied.host = `127.0.0.1:${proxy.port}`;
    proxiedUrl = proxied.toString();
  });
  afterAll(async () => {
    proxy.restore();
    await Promise.all(opened.map((s) => s.destroy()));
    await proxy.close();
    await Promise.all(schemas.map(dropSchema));
  });

  it('when the link is cut, answers 503 with Retry-After in bounded time, keeps /health, and recovers when it returns', async () => {
    const { app, api } = await appThroughProxy();
    await request(app).get('/ready').expect(200, { status: 'ready' });
    await api.post('/customers').send({ customer_code: 'ACME', name: 'Acme', region: 'US' }).expect(201);

    proxy.cut();
    await expectUnavailable(() => api.get('/customers'), /cannot be reached/);
    await expectUnavailable(() => api.get('/customers/ACME'), /cannot be reached/);
    await expectUnavailable(() => api.get('/widgets/customers'), /cannot be reached/);
    await expectUnavailable(() => api.post('/customers').send({ customer_code: 'BETA', name: 'Beta', region: 'EU' }), /cannot be reached/);
    await expectUnavailable(() => request(app).get('/ready'), /cannot be reached/);
    await request(app).get('/health').expect(200);

    proxy.restore();
    await request(app).get('/ready').expect(200, { status: 'ready' });
    expect(codes(await api.get('/customers').expect(200))).toEqual(['ACME']);
    await api.post('/customers').send({ customer_code: 'BETA', name: 'Beta', region: 'EU' }).expect(201);
  });

  it('when a statement is blocked past DATABASE_STATEMENT_TIMEOUT_MS, answers 503 and serves again once unblocked', async () => {
    const { api, schema } = await appThroughProxy();
    await api.post('/customers').send({ customer_code: 'ACME', name: 'Acme', region: 'US' }).expect(201);
    const locker = new pg.Client({ connectionString: postgresUrl });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query(`lock table ${schema}.customers in access exclusive mode`);
      await expectUnavailable(() => api.get('/customers'), /statement timeout/);
      await expectUnavailable(
        () => api.post('/customers').send({ customer_code: 'BETA', name: 'Beta', region: 'EU' }),
        /statement timeout/,
      );
      await locker.query('rollback');
      expect(codes(await api.get('/customers').expect(200))).toEqual(['ACME']);
    } finally {
      await locker.end();
    }
  });

  it('when the database is down at start-up, serves /health and 503s, then migrates and serves once it is back', async () => {
    proxy.cut();
    try {
      const { app, api } = await appThroughProxy();
      await request(app).get('/health').expect(200);
      await expectUnavailable(() => request(app).get('/ready'), /cannot be reached/);
      await expectUnavailable(() => api.get('/customers'), /cannot be reached/);
      proxy.restore();
      await request(app).get('/ready').expect(200, { status: 'ready' });
      expect((await api.get('/customers').expect(200)).body).toEqual([]);
    } finally {
      proxy.restore();
    }
  });
});

describe('database faults on sqlite', () => {
  let dir: string;
  const opened: StorageEngine[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tutorial-api-faults-'));
  });
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.destroy().catch(() => undefined)));
    rmSync(dir, { recursive: true, force: true });
  });

  function open(file: string): StorageEngine {
    const storage = openMigratedStorage(file, { statementTimeoutMs: 200 });
    opened.push(storage);
    return storage;
  }

  it('when the file cannot be read, answers 503 and keeps /health; once a readable file is in place it serves it, no restart', async () => {
    const file = join(dir, 'unreadable.sqlite');
    writeFileSync(file, 'not an SQLite database '.repeat(200));
    const { app, api, logs } = await buildTestApp(open(file));

    await request(app).get('/health').expect(200);
    await expectUnavailable(() => request(app).get('/ready'), /cannot be opened or read/);
    await expectUnavailable(() => api.get('/customers'), /cannot be opened or read/);
    await expectUnavailable(
      () => api.post('/customers').send({ customer_code: 'BETA', name: 'Beta', region: 'EU' }),
      /cannot be opened or read/,
    );
    // The caller gets no file path or engine message; the operator's log has the engine's error.
    const warning = logs.lines.find((line) => line.level === 40 && /cannot be opened or read/.test(String(line.msg)));
    expect(JSON.stringify(warning?.err)).toMatch(/SQLITE_NOTADB|not a database/);

    const restored = join(dir, 'restored.sqlite');
    const writer = openMigratedStorage(restored);
    await insertCustomers(writer, [{ customer_code: 'ACME', name: 'Acme', region: 'US' }]);
    await writer.destroy();
    renameSync(restored, file);

    await request(app).get('/ready').expect(200, { status: 'ready' });
    expect(codes(await api.get('/customers').expect(200))).toEqual(['ACME']);
  });

  it('when another process holds the write lock past the statement timeout, writes answer 503, reads go on, and writes resume after', async () => {
    const file = join(dir, 'locked.sqlite');
    const { api } = await buildTestApp(open(file));
    await api.post('/customers').send({ customer_code: 'ACME', name: 'Acme', region: 'US' }).expect(201);

    const locker = new SQLite(file);
    try {
      locker.exec('BEGIN IMMEDIATE');
      await expectUnavailable(
        () => api.post('/customers').send({ customer_code: 'BETA', name: 'Beta', region: 'EU' }),
        /statement timeout/,
      );
      expect(codes(await api.get('/customers').expect(200))).toEqual(['ACME']);
      locker.exec('ROLLBACK');
      await api.post('/customers').send({ customer_code: 'BETA', name: 'Beta', region: 'EU' }).expect(201);
      expect(codes(await api.get('/customers').expect(200))).toEqual(['ACME', 'BETA']);
    } finally {
      locker.close();
    }
  });
});
