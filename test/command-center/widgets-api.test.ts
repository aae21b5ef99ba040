import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createFrameChecker } from '../../src/command-center/frame-check.js';
import { engines } from '../support/engines.js';
import { insertCustomers, manyCustomers, publishRandomNumbers } from '../support/fixtures.js';
import { buildTestApp, contract, openTestApp, type TestAgent } from '../support/test-app.js';

const check = createFrameChecker(contract.document);

function expectWellFormed(frame: { columns: string[]; rows: Record<string, unknown>[]; fields?: { key: string }[] }) {
  expect(check(frame)).toEqual([]);
  for (const row of frame.rows) expect(Object.keys(row).sort()).toEqual([...frame.columns].sort());
  for (const field of frame.fields ?? []) expect(frame.columns).toContain(field.key);
}

describe.each(engines)('widget feeds on $name', (engine) => {
  let api: TestAgent;
  let close: () => Promise<void>;
  const now = new Date('2026-11-25T12:00:00Z');
  const written = new Date('2026-11-20T08:30:00Z');

  beforeAll(async () => {
    ({ api, close } = await openTestApp(engine, {
      seed: async (fresh) => {
        await insertCustomers(fresh, manyCustomers(12), () => written);
        await publishRandomNumbers(fresh, '2026-01-01', '2026-03-31');
      },
      now: () => now,
    }));
  });
  afterAll(() => close());

  it.each(['', '?region=US', '?region=EU&limit=2', '?limit=500', '?region=NOWHERE'])(
    'GET /widgets/customers%s is a valid core.tabular_frame@v1 frame',
    async (query) => {
      const res = await api.get(`/widgets/customers${query}`).expect(200);
      expectWellFormed(res.body);
      expect(res.body).toMatchObject({ status: 'ready', source: { kind: 'api', updatedAtMs: written.getTime() } });
      expect(res.body.source.label).toEqual(expect.any(String));
    },
  );

  it('when the frame is cut at limit, meta.page says so and its nextCursor walks every row exactly once', async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    for (let part = 0; part < 10; part++) {
      const res = await api
        .get('/widgets/customers')
        .query({ limit: 5, ...(cursor ? { cursor } : {}) })
        .expect(200);
      expectWellFormed(res.body);
      seen.push(...res.body.rows.map((row: { id: number }) => row.id));
      const page = res.body.meta.page;
      expect(page.limit).toBe(5);
      if (!page.truncated) {
        expect(page).toEqual({ limit: 5, truncated: false });
        break;
      }
      expect(res.body.rows).toHaveLength(5);
      cursor = page.nextCursor;
    }
    const all = await api.get('/customers?limit=500').expect(200);
    expect(seen).toEqual(all.body.map((c: { id: number }) => c.id));
    expect(seen).toHaveLength(12);
  });

  it('when every row fits, the frame says it was not truncated', async () => {
    const res = await api.get('/widgets/customers?limit=500').expect(200);
    expect(res.body.meta).toEqual({ page: { limit: 500, truncated: false } });
  });

  it('GET /widgets/customers has the same rows as GET /customers', async () => {
    const frame = await api.get('/widgets/customers?region=US&limit=2').expect(200);
    const plain = await api.get('/customers?region=US&limit=2').expect(200);
    expect(frame.body.rows).toEqual(plain.body);
  });

  it('an empty result is a ready frame with no rows, not an error', async () => {
    const res = await api.get('/widgets/customers?region=NOWHERE').expect(200);
    expect(res.body).toMatchObject({ status: 'ready', rows: [], columns: ['id', 'customer_code', 'name', 'region'] });
  });

  it.each([
    ['2026-03-01', '2026-03-07', 7],
    ['2026-01-01', '2026-01-01', 1],
    ['2025-01-01', '2025-01-31', 0],
  ])('GET /widgets/random-numbers from %s to %s is a long daily time-series frame of %i rows', async (start, end, count) => {
    const res = await api.get(`/widgets/random-numbers?start_date=${start}&end_date=${end}`).expect(200);
    expectWellFormed(res.body);
    expect(res.body.rows).toHaveLength(count);
    expect(res.body.meta.timeSeries).toMatchObject({
      shape: 'long',
      timeField: 'time_index',
      valueField: 'random_number',
      sorted: true,
      frequency: '1d',
    });
    for (const row of res.body.rows) expect(Number.isInteger(row.time_index)).toBe(true);
    expect(res.body.source).toMatchObject({ kind: 'api', id: 'example_random_number_local_0.0' });
  });

  it('a bad range is the documented 400, not a 200 frame with status error', async () => {
    const res = await api.get('/widgets/random-numbers?start_date=2026-03-07&end_date=2026-03-01').expect(400);
    expect(res.body.errors[0].field).toBe('query.start_date');
  });
});

describe.each(engines)('the customers frame reports when the table last changed, on $name', (engine) => {
  const clock = { now: new Date('2026-05-01T00:00:00Z') };
  const now = () => clock.now;

  it('when the data never changed, source has no updatedAtMs; writes, producer runs and restarts are reported, never the request time', async () => {
    const { api, storage, close } = await openTestApp(engine, { now });
    try {
      const empty = await api.get('/widgets/customers').expect(200);
      expect(empty.body.source).not.toHaveProperty('updatedAtMs');

      clock.now = new Date('2026-05-02T10:00:00Z');
      await api.post('/customers').send({ customer_code: 'FIRST', name: 'First', region: 'US' }).expect(201);
      clock.now = new Date('2026-05-03T10:00:00Z');
      const afterCreate = await api.get('/widgets/customers').expect(200);
      expect(afterCreate.body.source.updatedAtMs).toBe(Date.parse('2026-05-02T10:00:00Z'));

      // A create that fails writes nothing, so the data's age does not move.
      await api.post('/customers').send({ customer_code: 'FIRST', name: 'Again', region: 'EU' }).expect(409);
      const afterConflict = await api.get('/widgets/customers').expect(200);
      expect(afterConflict.body.source.updatedAtMs).toBe(Date.parse('2026-05-02T10:00:00Z'));

      // The random-number frame's data changed when the producer last updated its DataNode.
      await publishRandomNumbers(storage, '2026-04-01', '2026-04-05', 'local', () => new Date('2026-05-02T23:00:00Z'));
      const series = await api.get('/widgets/random-numbers?start_date=2026-04-01&end_date=2026-04-05').expect(200);
      expect(series.body.source.updatedAtMs).toBe(Date.parse('2026-05-02T23:00:00Z'));

      // Another process (a restart) over the same database reports the same time.
      clock.now = new Date('2026-06-01T00:00:00Z');
      const { api: restarted } = await buildTestApp(storage, { now });
      const again = await restarted.get('/widgets/customers').expect(200);
      expect(again.body.source.updatedAtMs).toBe(Date.parse('2026-05-02T10:00:00Z'));
    } finally {
      await close();
    }
  });
});

describe.each(engines)('widget feeds before the series exists, on $name', (engine) => {
  it('a failed read is the documented 404 problem, not a frame', async () => {
    const { api, close } = await openTestApp(engine);
    try {
      const res = await api.get('/widgets/random-numbers?start_date=2026-03-01&end_date=2026-03-02').expect(404);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    } finally {
      await close();
    }
  });
});
