/** Milliseconds in one UTC day. */
export const DAY_MS = 86_400_000;

/** 00:00:00.000 UTC of the day `date` falls in. */
export function startOfUtcDay(date: Date): Date {
  return new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS);
}

/** 23:59:59.999 UTC of the day `date` falls in. */
export function endOfUtcDay(date: Date): Date {
  return new Date(startOfUtcDay(date).getTime() + DAY_MS - 1);
}

/** The UTC midnight of a `YYYY-MM-DD` calendar date (already validated by the contract). */
export function parseUtcDate(isoDate: string): Date {
  const date = new Date(`${isoDate}T00:00:00.000Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== isoDate) {
    throw new RangeError(`not a calendar date: ${isoDate}`);
  }
  return date;
}

/** The instants `utcIsoString` formats itself: years 0000-9999, where toISOString has no sign. */
const FIRST_FOUR_DIGIT_MS = Date.parse('0000-01-01T00:00:00.000Z');
const LAST_FOUR_DIGIT_MS = Date.parse('9999-12-31T23:59:59.999Z');

/** Character codes of the fixed characters of `YYYY-MM-DDTHH:mm:ss.sssZ`, and of `0`. */
const HYPHEN = 45;
const LETTER_T = 84;
const COLON = 58;
const DOT = 46;
const LETTER_Z = 90;
const ZERO = 48;

/**
 * What `date.toISOString()` returns, computed with integer arithmetic (Hinnant's days-to-civil
 * algorithm). V8's toISOString goes through the runtime for each call; a year of random numbers
 * formats 365 of them per request, which was a fifth of that request in
 * `npx tsx bench/profile.ts random_numbers`. The string is built in one `String.fromCharCode`
 * call so that it is flat: joined from pieces it was a rope, and the response validator reading
 * it character by character flattened every one again (commit 3e7b139 has the before and after).
 * Dates outside years 0000-9999 (and invalid ones) are left to toISOString.
 */
export function utcIsoString(date: Date): string {
  const ms = date.getTime();
  if (!(ms >= FIRST_FOUR_DIGIT_MS && ms <= LAST_FOUR_DIGIT_MS)) return date.toISOString();
  const days = Math.floor(ms / DAY_MS);
  const time = ms - days * DAY_MS;
  const shifted = days + 719_468; // days since 0000-03-01
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const marchMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * marchMonth + 2) / 5) + 1;
  const month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hours = Math.floor(time / 3_600_000);
  const minutes = Math.floor(time / 60_000) % 60;
  const seconds = Math.floor(time / 1000) % 60;
  const millis = time % 1000;
  return String.fromCharCode(
    digit(year, 1000),
    digit(year, 100),
    digit(year, 10),
    digit(year, 1),
    HYPHEN,
    digit(month, 10),
    digit(month, 1),
    HYPHEN,
    digit(day, 10),
    digit(day, 1),
    LETTER_T,
    digit(hours, 10),
    digit(hours, 1),
    COLON,
    digit(minutes, 10),
    digit(minutes, 1),
    COLON,
    digit(seconds, 10),
    digit(seconds, 1),
    DOT,
    digit(millis, 100),
    digit(millis, 10),
    digit(millis, 1),
    LETTER_Z,
  );
}

/** The character code of the decimal digit of `value` at `place` (1, 10, 100 or 1000). */
function digit(value: number, place: number): number {
  return ZERO + (Math.floor(value / place) % 10);
}
