import type { DataNodeReader } from '../data/data-node/data-node-reader.js';
import type { RandomNumberNode } from '../data/tables/random-number-node.js';
import { InvalidInputError } from '../errors/app-error.js';
import { endOfUtcDay, parseUtcDate, utcIsoString } from './utc-days.js';

/** A range of whole UTC days, as `YYYY-MM-DD`. */
export interface DayRange {
  start_date: string;
  end_date: string;
}

/** The random-number rows of a range, time as ISO 8601 UTC. */
export interface RandomNumberSeries {
  identifier: string;
  rows: { time_index: string; random_number: number }[];
  /** When the producer last wrote the series. */
  lastUpdated: Date | null;
}

/** Reads the published random-number series (the API consumes it; the launcher produces it). */
export class RandomNumbersService {
  constructor(
    private readonly reader: DataNodeReader,
    private readonly node: RandomNumberNode,
    private readonly maxRows: number,
  ) {}

  /** Rows from `start_date` 00:00:00.000 to `end_date` 23:59:59.999 UTC, oldest first. */
  async between({ start_date, end_date }: DayRange): Promise<RandomNumberSeries> {
    const start = parseUtcDate(start_date);
    const end = endOfUtcDay(parseUtcDate(end_date));
    if (start > end) {
      throw new InvalidInputError(`start_date ${start_date} is after end_date ${end_date}`, [
        { field: 'start_date', message: `must not be after end_date (${end_date})` },
      ]);
    }
    const handle = await this.reader.open(this.node);
    const rows = await handle.getBetweenDates(start, end, { maxRows: this.maxRows });
    return {
      identifier: handle.identifier,
      rows: rows.map((row) => ({ time_index: utcIsoString(row.time_index), random_number: row.random_number })),
      lastUpdated: handle.registered.lastUpdated,
    };
  }
}
