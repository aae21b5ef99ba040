import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { engines } from '../support/engines.js';
import { publishRandomNumbers } from '../support/fixtures.js';
import { openTestApp, type TestAgent } from '../support/test-app.js';

describe.each(engines)('GET /random-numbers on $name', (engine) => {
  let api: TestAgent;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ api, close } = await openTestApp(engine, {
      seed: (fresh) => publishRandomNumbers(fresh, '2026-01-01', '2026-03-31'),
      env: { TIMESERIES_MAX_ROWS: '40' },
    }));
  });
  afterAll(() => close());

  it('when the range is valid, answers the rows of both whole UTC days inclusive, sorted by time', async () => {
    const res = await api.get('/random-numbers?start_date=2026-03-01&end_date=2026-03-03').expect(200);
    expect(res.body.identifier).toBe('example_random_number_local_0.0');
    expect(res.body.rows.map((r: { time_index: string }) => r.time_index)).toEqual([
      '2026-03-01T00:00:00.000Z',
      '2026-03-02T00:00:00.000Z',
      '2026-03-03T00:00:00.000Z',
    ]);
    for (const row of res.body.rows) {
      expect(Object.keys(row).sort()).toEqual(['random_number', 'time_index']);
      expect(row.random_number).toBeGreaterThanOrEqual(0);
      expect(row.random_number).toBeLessThan(1);
    }
  });

  it('when start and end are the same day, answers that one day', async () => {
    const res = await api.get('/random-numbers?start_date=2026-02-10&end_date=2026-02-10').expect(200);
    expect(res.body.rows).toHaveLength(1);
  });

  it('when the range holds no rows, answers an empty list', async () => {
    const res = await api.get('/random-numbers?start_date=2025-01-01&end_date=2025-01-31').expect(200);
    expect(res.body.rows).toEqual([]);
  });

  it.each([
    ['start_date=2026-02-30&end_date=2026-03-01', 'query.start_date'],
    ['start_date=2026-03-01&end_date=2026-13-01', 'query.end_date'],
    ['start_date=yesterday&end_date=2026-03-01', 'query.start_date'],
    ['end_date=2026-03-01', 'query.start_date'],
    ['start_date=2026-03-01', 'query.end_date'],
    ['start_date=2026-03-05&end_date=2026-03-01', 'query.start_date'],
  ])('when %s, answers a 400 problem naming %s', async (query, field) => {
    const res = await api
      .get(`/random-numbers?${query}`)
      .expect(400)
      .expect('content-type', /problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('when the range holds more rows than the bound, answers 400 saying how to narrow it', async () => {
    const res = await api.get('/random-numbers?start_date=2026-01-01&end_date=2026-03-31').expect(400);
    expect(res.body.detail).toMatch(/more than 40 rows/);
    expect(res.body.detail).toMatch(/narrow/);
  });
});

describe.each(engines)('GET /random-numbers before the series is produced, on $name', (engine) => {
  it('answers a 404 problem naming the identifier', async () => {
    const { api, close } = await openTestApp(engine);
    try {
      const res = await api.get('/random-numbers?start_date=2026-03-01&end_date=2026-03-02').expect(404);
      expect(res.body.detail).toContain('example_random_number_local_0.0');
    } finally {
      await close();
    }
  });
});
