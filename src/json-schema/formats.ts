import type { Ajv, Format, FormatDefinition } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats.js';

const fullDateTime = fullFormats['date-time'] as { validate: (value: string) => boolean };

/**
 * The string formats the contract's schemas may use: ajv-formats' full set (so `2026-02-30` is
 * not a date), with a faster `date-time`. Every validator of the service uses exactly these,
 * the ones compiled at build time (whose generated code `require`s this module by name) and the
 * frame checker's alike.
 */
export const contractFormats: Readonly<Record<string, Format>> = Object.freeze({
  ...fullFormats,
  // Every timestamp this service writes is Date#toISOString output; recognise that exact form
  // cheaply (it round-trips) and keep the full RFC 3339 check for anything else.
  'date-time': {
    type: 'string',
    validate: (value: string) => isCanonicalUtcDateTime(value) || fullDateTime.validate(value),
  } satisfies FormatDefinition<string>,
});

/** Adds `contractFormats` to an ajv instance. */
export function withFormats(ajv: Ajv): Ajv {
  for (const [name, format] of Object.entries(contractFormats)) ajv.addFormat(name, format);
  return ajv;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * `YYYY-MM-DDTHH:mm:ss.sssZ` naming a real instant (leap years included). Read character by
 * character, with the checks written out: it runs once per timestamp of every response (365 per
 * year of random numbers), where a RegExp match and its array were 15% of the request and a loop
 * over a table of separators half of what is left (`npx tsx bench/profile.ts random_numbers`).
 */
export function isCanonicalUtcDateTime(value: string): boolean {
  if (
    value.length !== 24 ||
    value.charCodeAt(4) !== 45 || // -
    value.charCodeAt(7) !== 45 || // -
    value.charCodeAt(10) !== 84 || // T
    value.charCodeAt(13) !== 58 || // :
    value.charCodeAt(16) !== 58 || // :
    value.charCodeAt(19) !== 46 || // .
    value.charCodeAt(23) !== 90 // Z
  ) {
    return false;
  }
  const century = twoDigitsAt(value, 0);
  const yearOfCentury = twoDigitsAt(value, 2);
  const month = twoDigitsAt(value, 5);
  const day = twoDigitsAt(value, 8);
  const hour = twoDigitsAt(value, 11);
  const minute = twoDigitsAt(value, 14);
  const second = twoDigitsAt(value, 17);
  const centiseconds = twoDigitsAt(value, 20);
  const lastMilliDigit = value.charCodeAt(22) - 48;
  if (century < 0 || yearOfCentury < 0 || centiseconds < 0 || lastMilliDigit < 0 || lastMilliDigit > 9) return false;
  if (month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  const year = century * 100 + yearOfCentury;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/** The two-digit decimal number at `value[at]`, or -1 when either character is not an ASCII digit. */
function twoDigitsAt(value: string, at: number): number {
  const tens = value.charCodeAt(at) - 48;
  const ones = value.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}
