import { encodeCustomerCursor } from '../src/services/customer-cursor.js';
import { benchCustomer } from './bench-customers.js';
import { SCALE_CODE_DIGITS, type ScaleSize } from './scale-config.js';

/** The requests `make bench-scale` measures at every size. */
export type ScaleCaseName = 'customers_first_page' | 'customers_deep_page' | 'random_numbers_year' | 'customer_by_code';

/** One request of one size. */
export interface ScaleCase {
  name: ScaleCaseName;
  path: string;
}

const DAY_MS = 86_400_000;

/** Rows after the deep page's cursor: a quarter of them are in region US, so the page is full and has a next. */
const DEEP_PAGE_TAIL = 1_000;

/**
 * The cases at `size`: the first page and a page deep in the table (its cursor, as the service
 * issues them, points 1,000 rows before the end) of US customers, the last year of the
 * random-number series (whatever its length), and one customer by code (the middle one).
 */
export function scaleCases(size: ScaleSize, today = new Date()): ScaleCase[] {
  const end = new Date(Math.floor(today.getTime() / DAY_MS) * DAY_MS);
  const start = new Date(end.getTime() - 364 * DAY_MS);
  const day = (date: Date) => date.toISOString().slice(0, 10);
  return [
    { name: 'customers_first_page', path: '/customers?region=US&limit=50' },
    { name: 'customers_deep_page', path: `/customers?region=US&limit=50&cursor=${encodeCustomerCursor(size.customers - DEEP_PAGE_TAIL)}` },
    { name: 'random_numbers_year', path: `/random-numbers?start_date=${day(start)}&end_date=${day(end)}` },
    { name: 'customer_by_code', path: `/customers/${benchCustomer(Math.ceil(size.customers / 2), SCALE_CODE_DIGITS).code}` },
  ];
}
