import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'yaml';
import { ROOT } from './paths.js';

/**
 * The floor: what the benchmark cases cost with no framework and no validation. A plain
 * `node:http` server running the service's SQL through the same driver (better-sqlite3) with
 * statements prepared once, answering the same JSON shapes with `JSON.stringify`.
 * Env: DATABASE_URL (SQLite file), PORT, HOST, MAIN_SEQUENCE_PROJECT_ID.
 */
const DAY_MS = 86_400_000;
const file = process.env.DATABASE_URL ?? 'data/tutorial.sqlite';
const identifier = `example_random_number_${process.env.MAIN_SEQUENCE_PROJECT_ID ?? 'local'}_0.0`;
const version = (parse(readFileSync(join(ROOT, 'openapi.yaml'), 'utf8')) as { info: { version: string } }).info.version;

const db = new Database(file, { readonly: true, fileMustExist: true });
const customersInRegion = db.prepare(
  'select "id", "customer_code", "name", "region" from "customers" where "region" = ? order by "id" asc limit ? offset ?',
);
const allCustomers = db.prepare('select "id", "customer_code", "name", "region" from "customers" order by "id" asc limit ? offset ?');
const registryEntry = db.prepare('select * from "data_nodes" where "identifier" = ?');
const lastTableWrite = db.prepare('select "last_write_ms" from "table_writes" where "table_name" = ?');
const rangeStatements = new Map<string, Database.Statement>();

type CustomerRow = { id: number; customer_code: string; name: string; region: string };

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

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function customerPage(query: URLSearchParams): { rows: CustomerRow[]; limit: number; cursor?: string; link?: string } {
  const limit = Number(query.get('limit') ?? 50);
  const region = query.get('region');
  const fetched = (region === null ? allCustomers.all(limit + 1, 0) : customersInRegion.all(region, limit + 1, 0)) as CustomerRow[];
  if (fetched.length <= limit) return { rows: fetched, limit };
  const rows = fetched.slice(0, limit);
  const cursor = Buffer.from(JSON.stringify({ after: rows[rows.length - 1]!.id })).toString('base64url');
  const next = new URLSearchParams();
  if (region !== null) next.set('region', region);
  next.set('limit', String(limit));
  next.set('cursor', cursor);
  return { rows, limit, cursor, link: `</customers?${next.toString()}>; rel="next"` };
}

function randomNumbers(query: URLSearchParams) {
  const entry = registryEntry.get(identifier) as { identifier: string; table_name: string } | undefined;
  if (!entry) return undefined;
  let range = rangeStatements.get(entry.table_name);
  if (!range) {
    range = db.prepare(
      `select "time_index", "random_number" from "${entry.table_name}" where "time_index" >= ? and "time_index" <= ? order by "time_index" asc limit ?`,
    );
    rangeStatements.set(entry.table_name, range);
  }
  const start = Date.parse(`${query.get('start_date')}T00:00:00.000Z`);
  const end = Date.parse(`${query.get('end_date')}T00:00:00.000Z`) + DAY_MS - 1;
  const rows = range.all(start, end, 10_001) as { time_index: number; random_number: number }[];
  return {
    identifier: entry.identifier,
    rows: rows.map((r) => ({ time_index: new Date(r.time_index).toISOString(), random_number: r.random_number })),
  };
}

const server = createServer((req, res) => {
  const url = req.url ?? '/';
  const mark = url.indexOf('?');
  const path = mark < 0 ? url : url.slice(0, mark);
  const query = new URLSearchParams(mark < 0 ? '' : url.slice(mark + 1));
  switch (path) {
    case '/health':
      return sendJson(res, 200, { status: 'ok', version });
    case '/customers': {
      const page = customerPage(query);
      return sendJson(res, 200, page.rows, page.link ? { Link: page.link } : {});
    }
    case '/random-numbers': {
      const series = randomNumbers(query);
      return series ? sendJson(res, 200, series) : sendJson(res, 404, { status: 404 });
    }
    case '/widgets/customers': {
      const { rows, limit, cursor } = customerPage(query);
      const written = lastTableWrite.get('customers') as { last_write_ms: number } | undefined;
      return sendJson(res, 200, {
        status: 'ready',
        columns: CUSTOMER_FIELDS.map((f) => f.key),
        rows: rows.map((r) => ({ id: r.id, customer_code: r.customer_code, name: r.name, region: r.region })),
        fields: CUSTOMER_FIELDS,
        meta: { page: cursor === undefined ? { limit, truncated: false } : { limit, truncated: true, nextCursor: cursor } },
        source: { kind: 'api', label: 'Tutorial Customers API', ...(written ? { updatedAtMs: written.last_write_ms } : {}) },
      });
    }
    default:
      return sendJson(res, 404, { status: 404 });
  }
});

server.listen(Number(process.env.PORT ?? 8001), process.env.HOST ?? '127.0.0.1');
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
