// Writes lose nothing (issue 8): creates that race for one customer_code leave exactly one row
// and one 201, the others 409 problems; and a server killed with SIGKILL in the middle of a
// batch of creates has, after a restart on the same database, every customer whose 201 reached
// the client, exactly as that 201 said, and nothing half-written or never asked for.
//
// What can make these fail: a check-then-insert without the unique index deciding (two 201s
// for one code), an upsert (one 201 but another racer's row), a 201 sent before the transaction
// commits or a write queued to be flushed later (acknowledged codes missing after the kill), a
// multi-statement create that is not one transaction (partial rows). A kill of the API process
// does not test power loss: that is what `synchronous = FULL` in sqlite-engine.ts is for.
import type { Server } from 'node:http';

import request, { type Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { StorageEngine } from '../../src/data/engine/storage-engine.js';
import { openMigratedStorage } from '../../src/data/migrations.js';
import { customersTable } from '../../src/data/tables/customers-table.js';
import { launchServer, prepareServerDatabase, type RunningServer, type ServerDatabase } from '../e2e/support/server-process.js';
import { engines } from '../support/engines.js';
import { buildTestApp, mintTestToken as mintInProcessToken, type TestAgent } from '../support/test-app.js';
import { mintTestToken } from '../support/test-token.js';
import { judgeAcknowledgements, judgeAfterCrash } from './support/crash-judge.js';
import { startCreateLoad } from './support/create-load.js';
import { type Answer, customersHttp, type NewCustomer } from './support/customers-http.js';
import { judgeRace, judgeStored } from './support/race-judge.js';
import { readStoredCustomers, sqliteIntegrity } from './support/stored-customers.js';

/** Requests that race for one code. */
const RACERS = 40;
/** Bounds, not expectations: a healthy run takes a fraction of them, even on a busy machine. */
const IN_PROCESS_TIMEOUT_MS = 15_000;
const PROCESS_TIMEOUT_MS = 45_000;
/** The kill lands once this many creates were acknowledged (or after KILL_DEADLINE_MS, whichever comes first). */
const KILL_AFTER_ACKS = 30;
const KILL_DEADLINE_MS = 3_000;
const LOAD_WORKERS = 8;

/** `count` bodies for `code`, each with its own name, so the stored row tells which racer won. */
function racersFor(code: string, count: number): NewCustomer[] {
  return Array.from({ length: count }, (_, i) => ({ customer_code: code, name: `Racer ${i} for ${code}`, region: 'EU' }));
}

/** 20 codes sent once and 5 sent four times each, interleaved so duplicates overlap fresh codes. */
function mixedRace(prefix: string): NewCustomer[] {
  const once = Array.from({ length: 20 }, (_, i) => racersFor(`${prefix}-ONE-${i}`, 1));
  const dup = Array.from({ length: 5 }, (_, i) => racersFor(`${prefix}-DUP-${i}`, 4));
  const queues = [...once, ...dup];
  const total = queues.reduce((sum, queue) => sum + queue.length, 0);
  const order: NewCustomer[] = [];
  for (let round = 0; order.length < total; round += 1) {
    for (const queue of queues) {
      const next = queue[round];
      if (next) order.push(next);
    }
  }
  return order;
}

function answerOf(res: Response): Answer {
  return { status: res.status, contentType: res.headers['content-type'] ?? '', location: res.headers.location ?? null, body: res.body };
}

const COLUMNS = Object.keys(customersTable.columns);

// In process on SQLite the one connection and the synchronous driver run each create to its
// end before the next starts, so this mostly exercises the HTTP layer; the two-process suite
// below is where SQLite writers really overlap.
describe.each(engines)('POST /customers racing in process on $name', (engine) => {
  let storage: StorageEngine;
  let close: () => Promise<void>;
  let app: Server;
  let api: TestAgent;
  let authorization: string;

  beforeAll(async () => {
    ({ storage, close } = await engine.open());
    ({ app, api } = await buildTestApp(storage));
    authorization = `Bearer ${await mintInProcessToken()}`;
  });
  afterAll(() => close());

  async function race(sent: NewCustomer[]) {
    // `request(app)` per request, not the shared agent: supertest's agent reuses one server and
    // resets connections when more than a few requests overlap (forwardemail/supertest#709).
    const answers = await Promise.all(sent.map((body) => request(app).post('/customers').set('Authorization', authorization).send(body)));
    const verdict = judgeRace(sent, answers.map(answerOf));
    expect(verdict.violations).toEqual([]);
    const codes = [...verdict.winners.keys()];
    const viaDatabase = await storage.db.selectFrom(customersTable.name).select(COLUMNS).where('customer_code', 'in', codes).execute();
    expect(judgeStored(verdict.winners, viaDatabase, 'the database')).toEqual([]);
    const viaList = (await api.get('/customers?limit=500').expect(200)).body as unknown[];
    expect(judgeStored(verdict.winners, viaList, 'GET /customers')).toEqual([]);
    for (const [code, winner] of verdict.winners) expect((await api.get(`/customers/${code}`).expect(200)).body).toEqual(winner);
  }

  raceCases(race, IN_PROCESS_TIMEOUT_MS);
});

/** The two races every setting runs: one code contested by all, and fresh codes mixed with duplicates. */
function raceCases(race: (sent: NewCustomer[]) => Promise<void>, timeoutMs: number): void {
  it(
    `when ${RACERS} creates race for one code, exactly one answers 201, the rest 409 problems naming it, and one row is stored`,
    () => race(racersFor('SAME', RACERS)),
    timeoutMs,
  );

  it(
    'when fresh and duplicate codes race together, each code gets one 201 and its row is stored exactly once',
    () => race(mixedRace('MIX')),
    timeoutMs,
  );
}

/** A fresh database for server processes, migrated here so servers started together do not race to migrate it. */
async function migratedServerDatabase(engine: 'sqlite' | 'postgres'): Promise<ServerDatabase> {
  // The rate limiter is off: a burst of creates from one caller is the point, not a 429.
  const database = await prepareServerDatabase({ engine, seed: false, env: { RATE_LIMIT_PER_MINUTE: '0' } });
  const storage = openMigratedStorage(database.env.DATABASE_URL!, { schema: database.env.DATABASE_SCHEMA });
  try {
    await storage.ping();
  } finally {
    await storage.destroy();
  }
  return database;
}

describe.each(engines.map((e) => e.name))('POST /customers racing over connections to two server processes on %s', (engine) => {
  let database: ServerDatabase;
  const servers: RunningServer[] = [];
  let token: string;

  beforeAll(async () => {
    database = await migratedServerDatabase(engine);
    // Two processes on one database: the requests overlap on separate connections (SQLite:
    // two writers on one file; PostgreSQL: two pools), so only the database can decide.
    servers.push(...(await Promise.all([launchServer(database.env), launchServer(database.env)])));
    token = await mintTestToken();
  }, PROCESS_TIMEOUT_MS);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database?.dispose();
  }, PROCESS_TIMEOUT_MS);

  async function race(sent: NewCustomer[]) {
    const clients = servers.map((s) => customersHttp(s.baseUrl, token));
    const answers = await Promise.all(sent.map((body, i) => clients[i % clients.length]!.create(body)));
    const verdict = judgeRace(sent, answers);
    expect(verdict.violations, servers.map((s) => s.output()).join('\n')).toEqual([]);
    expect(judgeStored(verdict.winners, await readStoredCustomers(database.env), 'the database')).toEqual([]);
    for (const client of clients) expect(judgeStored(verdict.winners, await client.listAll(), 'GET /customers')).toEqual([]);
  }

  raceCases(race, PROCESS_TIMEOUT_MS);
});

describe.each(engines.map((e) => e.name))('a server process killed with SIGKILL during creates on %s', (engine) => {
  it(
    'keeps every create whose 201 reached the client, exactly as answered, and nothing partial or unasked for',
    async () => {
      const database = await migratedServerDatabase(engine);
      const running: RunningServer[] = [];
      try {
        // Arrange
        const token = await mintTestToken();
        const server = await launchServer(database.env);
        running.push(server);

        // Act: creates from several workers, and a kill while requests are in flight.
        const load = startCreateLoad({ baseUrl: server.baseUrl, token, workers: LOAD_WORKERS, prefix: 'KILL' });
        await load.acknowledged(KILL_AFTER_ACKS, KILL_DEADLINE_MS);
        const halted = load.halt();
        const inFlightAtKill = load.inFlight;
        server.signal('SIGKILL');
        const result = await halted;
        expect(await server.exited).toMatchObject({ signal: 'SIGKILL' });
        const story = `${result.sent.size} sent, ${result.acknowledged.size} acknowledged, ${result.unanswered.length} unanswered, ${inFlightAtKill} in flight at the kill`;
        expect(result.unexpected, story).toEqual([]);
        expect(result.acknowledged.size, `the kill came before any create was acknowledged: ${story}`).toBeGreaterThan(0);
        expect(judgeAcknowledgements(result), story).toEqual([]);

        // Assert, with a new server on the same database: straight from its storage first (the
        // API would refuse to answer a broken row), then through the API.
        const relaunched = await launchServer(database.env);
        running.push(relaunched);
        const stored = await readStoredCustomers(database.env);
        expect(judgeAfterCrash(result, stored, 'the database'), story).toEqual([]);
        const http = customersHttp(relaunched.baseUrl, token);
        const lost: string[] = [];
        const changed: string[] = [];
        for (const [code, { body }] of result.acknowledged) {
          const answer = await http.get(code);
          if (answer.status === 404) lost.push(code);
          else if (answer.status !== 200 || JSON.stringify(answer.body) !== JSON.stringify(body)) {
            changed.push(`${code}: the 201 said ${JSON.stringify(body)}, GET answers ${answer.status} ${JSON.stringify(answer.body)}`);
          }
        }
        expect(lost, `acknowledged with 201, gone after kill -9 and restart (${story})`).toEqual([]);
        expect(changed, story).toEqual([]);
        const listed = await http.listAll();
        expect(judgeAfterCrash(result, listed, 'GET /customers'), story).toEqual([]);
        expect(listed).toEqual(stored);
        // The restarted service still holds the codes taken, and writes again.
        const [taken] = result.acknowledged.keys();
        expect((await http.create({ ...result.sent.get(taken!)!, name: 'Second try' })).status).toBe(409);
        const after = await http.create({ customer_code: 'AFTER-RESTART', name: 'After the restart', region: 'US' });
        expect(after.status, JSON.stringify(after.body)).toBe(201);
        await relaunched.stop();
        if (engine === 'sqlite') expect(sqliteIntegrity(database.env.DATABASE_URL!)).toEqual(['ok']);
      } finally {
        await Promise.all(running.map((s) => s.stop()));
        await database.dispose();
      }
    },
    PROCESS_TIMEOUT_MS,
  );
});
