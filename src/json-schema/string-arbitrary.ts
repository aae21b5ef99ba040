import fc from 'fast-check';

import type { JsonSchema } from './json-schema.js';

/** Generous default upper bound for strings whose schema sets none (valid requests stay small). */
const DEFAULT_MAX_LENGTH = 40;

/** Strings that satisfy a string schema: its format, pattern and length bounds. */
export function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  const byFormat = schema.format ? FORMATS[schema.format] : undefined;
  if (byFormat) return byFormat();
  const minLength = schema.minLength ?? 0;
  const maxLength = schema.maxLength ?? Math.max(minLength, DEFAULT_MAX_LENGTH);
  const pattern = schema.pattern !== undefined ? new RegExp(schema.pattern, 'u') : undefined;
  const typical = pattern ? patternString(pattern, minLength, maxLength) : anyText(minLength, maxLength);
  if (schema.maxLength === undefined) return typical;
  return fc.oneof(
    { weight: 4, arbitrary: typical },
    { weight: 1, arbitrary: atLengthBound(schema.maxLength, minLength, pattern, typical) },
  );
}

/** Single code points of one to four UTF-8 bytes (the last two UTF-16 units), to find lengths counted in the wrong unit. */
const BOUNDARY_UNITS = ['a', '\u00E9', '\u4E2D', '\u{1F600}', '\u{10FFFD}'];

/**
 * Strings of exactly `maxLength` (or one less) code points, where length bugs live: a limit
 * checked in UTF-16 units or UTF-8 bytes refuses what the contract allows. Falls back to
 * `otherwise` when the repeated unit does not match the pattern.
 */
function atLengthBound(
  maxLength: number,
  minLength: number,
  pattern: RegExp | undefined,
  otherwise: fc.Arbitrary<string>,
): fc.Arbitrary<string> {
  const lengths = [...new Set([maxLength, Math.max(minLength, maxLength - 1)])];
  return fc.tuple(fc.constantFrom(...BOUNDARY_UNITS), fc.constantFrom(...lengths), otherwise).map(([unit, length, fallback]) => {
    const text = unit.repeat(length);
    return !pattern || pattern.test(text) ? text : fallback;
  });
}

/** Number of code points, which is what JSON Schema's length keywords count. */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

/**
 * Text of mixed alphabets: printable ASCII mostly, any code point (controls, astral planes)
 * and single-code-point graphemes sometimes. Units are single code points, so the length
 * bounds hold as JSON Schema counts them.
 */
export function anyText(minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength, maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: anyCodePoint(), minLength, maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme-composite', minLength, maxLength }) },
  );
}

/**
 * Any Unicode scalar value (no lone surrogates), ASCII and the BMP as likely as the astral
 * planes. fast-check's own `unit: 'binary'` does the same but spends two seconds on its first use.
 */
export function anyCodePoint(): fc.Arbitrary<string> {
  return fc
    .oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0xd7ff }), fc.integer({ min: 0xe000, max: 0x10ffff }))
    .map((codePoint) => String.fromCodePoint(codePoint));
}

/**
 * Strings matching `pattern` within the length bounds. `fc.stringMatching` draws from the
 * pattern itself but sticks to ASCII for negated classes, so a free-text candidate is tried
 * first and kept when it happens to match (it often does for `^[^\u0000]+$`-style patterns).
 */
function patternString(pattern: RegExp, minLength: number, maxLength: number): fc.Arbitrary<string> {
  const inBounds = (text: string) => {
    const length = codePointLength(text);
    return length >= minLength && length <= maxLength;
  };
  return fc
    .tuple(matching(pattern, maxLength), anyText(minLength, maxLength))
    .map(([matching, free]) => (pattern.test(free) ? free : matching))
    .filter(inBounds);
}

const matchingCache = new Map<string, fc.Arbitrary<string>>();

/**
 * `fc.stringMatching`, built once per pattern and bound: building one takes ~15 ms, and
 * mutations ask for the same few patterns on every run.
 */
export function matching(pattern: RegExp, maxLength?: number): fc.Arbitrary<string> {
  const key = `${pattern.flags}/${maxLength ?? ''}/${pattern.source}`;
  let arbitrary = matchingCache.get(key);
  if (!arbitrary) {
    arbitrary = fc.stringMatching(pattern, { ...(maxLength !== undefined ? { maxLength } : {}), size: '+1' });
    matchingCache.set(key, arbitrary);
  }
  return arbitrary;
}

const FORMATS: Record<string, () => fc.Arbitrary<string>> = {
  date: () => calendarDate(),
  'date-time': () =>
    fc
      .tuple(calendarDate(), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }))
      .chain(([day, h, m, s]) =>
        fc
          .tuple(fc.constantFrom('', '.000', '.5', '.123456'), fc.constantFrom('Z', '+00:00', '-05:30', '+14:00'))
          .map(([fraction, zone]) => `${day}T${pad(h)}:${pad(m)}:${pad(s)}${fraction}${zone}`),
      ),
  uuid: () => fc.uuid(),
  email: () => fc.emailAddress(),
  uri: () => fc.webUrl(),
};

/**
 * `YYYY-MM-DD` calendar dates: mostly the years around now (where data tends to live), and
 * sometimes anywhere in 0000-9999, which `format: date` allows too.
 */
function calendarDate(): fc.Arbitrary<string> {
  const year = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 2024, max: 2028 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 9999 }) },
  );
  return fc.tuple(year, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 })).map(([y, m, d]) => {
    const day = Math.min(d, daysInMonth(y, m));
    return `${String(y).padStart(4, '0')}-${pad(m)}-${pad(day)}`;
  });
}

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
