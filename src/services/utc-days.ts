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
