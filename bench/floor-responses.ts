import { readFileSync } from 'node:fs';
import type { Server, ServerResponse } from 'node:http';
import { join } from 'node:path';

import { parse } from 'yaml';

import { ROOT } from './paths.js';

/**
 * What the floors (bench/floor-server.ts on SQLite, bench/floor-server-postgres.ts on
 * PostgreSQL) answer, apart from how they read their rows: the same JSON shapes the service
 * sends, written with `JSON.stringify`.
 */

/** A customer row as both floors select it. */
export type CustomerRow = { id: number; customer_code: string; name: string; region: string };

/** The service's SQL, on both engines; only the placeholders differ. */
export const FLOOR_SQL = {
  customersInRegion:
    'select "id", "customer_code", "name", "region" from "customers" where "region" = ? order by "id" asc limit ? offset ?',
  allCustomers: 'select "id", "customer_code", "name", "region" from "customers" order by "id" asc limit ? offset ?',
  registryEntry: 'select * from "data_nodes" where "identifier" = ?',
  lastTableWrite: 'select "last_write_ms" from "table_writes" where "table_name" = ?',
  range: (table: string) =>
    `select "time_index", "random_number" from "${table}" where "time_index" >= ? and "time_index" <= ? order by "time_index" asc limit ?`,
};

const DAY_MS = 86_400_000;

/** The series identifier the service publishes for MAIN_SEQUENCE_PROJECT_ID. */
export const floorIdentifier = `example_random_number_${process.env.MAIN_SEQUENCE_PROJECT_ID ?? 'local'}_0.0`;
const version = (parse(readFileSync(join(ROOT, 'openapi.yaml'), 'utf8')) as { info: { version: string } }).info.version;

/** The Customer-derived fields the service's frame builder produces. */
const CUSTOMER_FIELDS = [
  field('id', 'Id', 'integer', 'integer', 'Server-assigned identifier; rows are ordered by it.'),
  field('customer_code', 'Customer Code', 'string', 'string', "A customer's unique code."),
  field('name', 'Name', 'string', 'string', "The customer's display name (no NUL characters)."),
  field('region', 'Region', 'string', 'string', 'The region the customer belongs to (no NUL characters).'),
];

function field(key: string, label: string, type: string, nativeType: string, description: string) {
  return { key, label, type, nullable: false, nativeType, provenance: 'backend', description };
}

/** A request's path and query. */
export function splitUrl(url = '/'): { path: string; query: URLSearchParams } {
  const mark = url.indexOf('?');
  return { path: mark < 0 ? url : url.slice(0, mark), query: new URLSearchParams(mark < 0 ? '' : url.slice(mark + 1)) };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export function sendHealth(res: ServerResponse): void {
  sendJson(res, 200, { status: 'ok', version });
}

/** The page size asked for (the floors fetch one row more to learn whether a next page exists). */
export function pageLimit(query: URLSearchParams): number {
  return Number(query.get('limit') ?? 50);
}

/** One page of customers as the service answers it: the rows, and the next page's cursor and Link header when there is one. */
export interface CustomerPage {
  rows: CustomerRow[];
  limit: number;
  cursor?: string;
  link?: string;
}

/** The page of `fetched` (up to limit + 1 rows) and its Link header, as the service builds them. */
export function customerPage(fetched: CustomerRow[], query: URLSearchParams): CustomerPage {
  const limit = pageLimit(query);
  const region = query.get('region');
  if (fetched.length <= limit) return { rows: fetched, limit };
  const rows = fetched.slice(0, limit);
  const cursor = Buffer.from(JSON.stringify({ after: rows[rows.length - 1]!.id })).toString('base64url');
  const next = new URLSearchParams();
  if (region !== null) next.set('region', region);
  next.set('limit', String(limit));
  next.set('cursor', cursor);
  return { rows, limit, cursor, link: `</customers?${next.toString()}>; rel="next"` };
}

export function sendCustomers(res: ServerResponse, page: CustomerPage): void {
  sendJson(res, 200, page.rows, page.link ? { Link: page.link } : {});
}

/** The customers frame of `page`; `lastWriteMs` is the customers table's last write (table_writes), when recorded. */
export function sendCustomerFrame(res: ServerResponse, { rows, limit, cursor }: CustomerPage, lastWriteMs: number | undefined): void {
  sendJson(res, 200, {
    status: 'ready',
    columns: CUSTOMER_FIELDS.map((f) => f.key),
    rows: rows.map((r) => ({ id: r.id, customer_code: r.customer_code, name: r.name, region: r.region })),
    fields: CUSTOMER_FIELDS,
    meta: { page: cursor === undefined ? { limit, truncated: false } : { limit, truncated: true, nextCursor: cursor } },
    source: { kind: 'api', label: 'Tutorial Customers API', ...(lastWriteMs === undefined ? {} : { updatedAtMs: lastWriteMs }) },
  });
}

/** The [start, end] epoch-millisecond bounds of a `start_date`..`end_date` request. */
export function dayRange(query: URLSearchParams): [number, number] {
  const start = Date.parse(`${query.get('start_date')}T00:00:00.000Z`);
  return [start, Date.parse(`${query.get('end_date')}T00:00:00.000Z`) + DAY_MS - 1];
}

export function sendSeries(res: ServerResponse, identifier: string, rows: { time_index: number; random_number: number }[]): void {
  sendJson(res, 200, {
    identifier,
    rows: rows.map((r) => ({ time_index: new Date(r.time_index).toISOString(), random_number: r.random_number })),
  });
}

/** Listens on PORT/HOST and closes on SIGTERM, after `close` (the floor's database). */
export function serveFloor(server: Server, close: () => unknown = () => undefined): void {
  server.listen(Number(process.env.PORT ?? 8001), process.env.HOST ?? '127.0.0.1');
  process.on('SIGTERM', () => {
    server.close(() => {
      void Promise.resolve(close()).finally(() => process.exit(0));
    });
    server.closeAllConnections();
  });
}
