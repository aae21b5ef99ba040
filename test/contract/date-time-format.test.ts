import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { isCanonicalUtcDateTime, withFormats } from '../../src/json-schema/formats.js';

describe('date-time format', () => {
  it.each(['2026-03-01T00:00:00.000Z', '2024-02-29T23:59:59.999Z', '2000-02-29T12:00:00.000Z', new Date(0).toISOString()])(
    'recognises toISOString output %s on the fast path',
    (value) => expect(isCanonicalUtcDateTime(value)).toBe(true),
  );

  it.each([
    '2026-02-29T00:00:00.000Z',
    '1900-02-29T00:00:00.000Z',
    '2026-13-01T00:00:00.000Z',
    '2026-04-31T00:00:00.000Z',
    '2026-03-01T24:00:00.000Z',
    '2026-03-01T00:60:00.000Z',
    '2026-03-01 00:00:00.000Z',
  ])('refuses %s on the fast path', (value) => expect(isCanonicalUtcDateTime(value)).toBe(false));

  it.each([
    '2026-03-01T00:00:00.000',
    '+2026-03-01T00:00:00.000Z',
    '2026-03-01T00:00:00.00aZ',
    '2026-0３-01T00:00:00.000Z',
    '2026-00-01T00:00:00.000Z',
    '2026-03-00T00:00:00.000Z',
  ])('refuses %s on the fast path (length, sign, non-ASCII digits, zero month or day)', (value) =>
    expect(isCanonicalUtcDateTime(value)).toBe(false),
  );

  it('agrees with a straightforward reference on real instants and on every one-character change of them', () => {
    const reference = (value: string) => {
      const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{3}Z$/.exec(value);
      if (!match) return false;
      const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as number[];
      const probe = new Date(0);
      probe.setUTCFullYear(year!, month! - 1, day!); // Date.UTC would read years 0-99 as 1900-1999
      return (
        probe.getUTCFullYear() === year &&
        probe.getUTCMonth() === month! - 1 &&
        probe.getUTCDate() === day &&
        hour! <= 23 &&
        minute! <= 59 &&
        second! <= 59
      );
    };
    const instant = fc
      .date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
      .map((d) => d.toISOString());
    fc.assert(
      fc.property(instant, fc.nat(23), fc.constantFrom(...'0123456789-:.TZ x9'), (iso, at, replacement) => {
        expect(isCanonicalUtcDateTime(iso)).toBe(true);
        const changed = iso.slice(0, at) + replacement + iso.slice(at + 1);
        expect(isCanonicalUtcDateTime(changed)).toBe(reference(changed));
      }),
      { numRuns: 5000 },
    );
  });

  it('still accepts other RFC 3339 forms and refuses impossible ones through the full check', () => {
    const validate = withFormats(new Ajv()).compile({ type: 'string', format: 'date-time' });
    expect(validate('2026-03-01T01:02:03+02:00')).toBe(true);
    expect(validate('2026-03-01T01:02:03Z')).toBe(true);
    expect(validate('2026-02-30T00:00:00.000Z')).toBe(false);
    expect(validate('yesterday')).toBe(false);
  });
});
