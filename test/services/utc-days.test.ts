import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { utcIsoString } from '../../src/services/utc-days.js';

describe('utcIsoString', () => {
  it('writes exactly what toISOString writes, across years 0000-9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('0000-01-01T00:00:00.000Z'), max: Date.parse('9999-12-31T23:59:59.999Z') }), (ms) => {
        const date = new Date(ms);
        expect(utcIsoString(date)).toBe(date.toISOString());
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    '0000-01-01T00:00:00.000Z',
    '1970-01-01T00:00:00.000Z',
    '1969-12-31T23:59:59.999Z',
    '2000-02-29T12:00:00.000Z',
    '2100-03-01T00:00:00.000Z',
    '9999-12-31T23:59:59.999Z',
  ])('writes the edge instant %s as toISOString does', (iso) => expect(utcIsoString(new Date(iso))).toBe(iso));

  it('leaves years outside 0000-9999 to toISOString, and refuses an invalid date as it does', () => {
    for (const ms of [Date.parse('0000-01-01T00:00:00.000Z') - 1, Date.parse('9999-12-31T23:59:59.999Z') + 1, 8.64e15, -8.64e15]) {
      expect(utcIsoString(new Date(ms))).toBe(new Date(ms).toISOString());
    }
    expect(() => utcIsoString(new Date(Number.NaN))).toThrow(RangeError);
  });
});
