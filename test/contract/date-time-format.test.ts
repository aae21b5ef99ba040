import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { isCanonicalUtcDateTime, withFormats } from '../../src/contract/response-validators.js';

describe('date-time format', () => {
  it.each(['2026-03-01T00:00:00.000Z', '2024-02-29T23:59:59.999Z', '2000-02-29T12:00:00.000Z', new Date(0).toISOString()])(
    'recognises toISOString output %s on the fast path',
    (value) => expect(isCanonicalUtcDateTime(value)).toBe(true),
  );

  it.each(['2026-02-29T00:00:00.000Z', '1900-02-29T00:00:00.000Z', '2026-13-01T00:00:00.000Z', '2026-04-31T00:00:00.000Z', '2026-03-01T24:00:00.000Z', '2026-03-01T00:60:00.000Z', '2026-03-01 00:00:00.000Z'])(
    'refuses %s on the fast path',
    (value) => expect(isCanonicalUtcDateTime(value)).toBe(false),
  );

  it('still accepts other RFC 3339 forms and refuses impossible ones through the full check', () => {
    const validate = withFormats(new Ajv()).compile({ type: 'string', format: 'date-time' });
    expect(validate('2026-03-01T01:02:03+02:00')).toBe(true);
    expect(validate('2026-03-01T01:02:03Z')).toBe(true);
    expect(validate('2026-02-30T00:00:00.000Z')).toBe(false);
    expect(validate('yesterday')).toBe(false);
  });
});
