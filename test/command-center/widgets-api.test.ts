import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFrameChecker } from '../../src/command-center/frame-check.js';
import { engines } from '../support/engines.js';
import { insertCustomers, manyCustomers, publishRandomNumbers } from '../support/fixtures.js';
import { buildTestApp, contract, type TestAgent } from '../support/test-app.js';

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

  beforeAll(async () => {
    const opened = await engine.open();
    close = opened.close;
    await insertCustomers(opened.storage, manyCustomers(12));
    await publishRandomNumbers(opened.storage, '2026-01-01', '2026-03-31');
    ({ api } = await buildTestApp(opened.storage, { now: () => now }));
  });
  afterAll(() => close());

  it.each(['', '?region=US', '?region=EU&limit=2', '?limit=500', '?region=NOWHERE'])(
    'GET /widgets/customers%s is a valid core.tabular_frame@v1 frame',
    async (query) => {
      const res = await api.get(`/widgets/customers${query}`).expect(200);
      expectWellFormed(res.body);
      expect(res.body).toMatchObject({ status: 'ready', source: { kind: 'api', updatedAtMs: now.getTime() } });
      expect(res.body.source.label).toEqual(expect.any(String));
    },
  );

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

describe.each(engines)('widget feeds before the series exists, on $name', (engine) => {
  it('a failed read is the documented 404 problem, not a frame', async () => {
    const { storage, close } = await engine.open();
    try {
      const { api } = await buildTestApp(storage);
      const res = await api.get('/widgets/random-numbers?start_date=2026-03-01&end_date=2026-03-02').expect(404);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    } finally {
      await close();
    }
  });
});
