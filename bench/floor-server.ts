import { createServer } from 'node:http';
import Database from 'better-sqlite3';
import {
  customerPage,
  dayRange,
  FLOOR_SQL,
  floorIdentifier,
  pageLimit,
  sendCustomerFrame,
  sendCustomers,
  sendHealth,
  sendJson,
  sendSeries,
  serveFloor,
  splitUrl,
  type CustomerRow,
} from './floor-responses.js';

/**
 * The floor: what the benchmark cases cost with no framework and no validation. A plain
 * `node:http` server running the service's SQL through the same driver (better-sqlite3) with
 * statements prepared once, answering the same JSON shapes with `JSON.stringify`.
 * Env: DATABASE_URL (SQLite file), PORT, HOST, MAIN_SEQUENCE_PROJECT_ID.
 */
const db = new Database(process.env.DATABASE_URL ?? 'data/tutorial.sqlite', { readonly: true, fileMustExist: true });
const customersInRegion = db.prepare(FLOOR_SQL.customersInRegion);
const allCustomers = db.prepare(FLOOR_SQL.allCustomers);
const registryEntry = db.prepare(FLOOR_SQL.registryEntry);
const lastTableWrite = db.prepare(FLOOR_SQL.lastTableWrite);
const rangeStatements = new Map<string, Database.Statement>();

function customers(query: URLSearchParams): CustomerRow[] {
  const limit = pageLimit(query);
  const region = query.get('region');
  return (region === null ? allCustomers.all(limit + 1, 0) : customersInRegion.all(region, limit + 1, 0)) as CustomerRow[];
}

function randomNumbers(query: URLSearchParams) {
  const entry = registryEntry.get(floorIdentifier) as { identifier: string; table_name: string } | undefined;
  if (!entry) return undefined;
  let range = rangeStatements.get(entry.table_name);
  if (!range) {
    range = db.prepare(FLOOR_SQL.range(entry.table_name));
    rangeStatements.set(entry.table_name, range);
  }
  const rows = range.all(...dayRange(query), 10_001) as { time_index: number; random_number: number }[];
  return { identifier: entry.identifier, rows };
}

const server = createServer((req, res) => {
  const { path, query } = splitUrl(req.url);
  switch (path) {
    case '/health':
      return sendHealth(res);
    case '/customers':
      return sendCustomers(res, customerPage(customers(query), query));
    case '/random-numbers': {
      const series = randomNumbers(query);
      return series ? sendSeries(res, series.identifier, series.rows) : sendJson(res, 404, { status: 404 });
    }
    case '/widgets/customers': {
      const written = lastTableWrite.get('customers') as { last_write_ms: number } | undefined;
      return sendCustomerFrame(res, customerPage(customers(query), query), written?.last_write_ms);
    }
    default:
      return sendJson(res, 404, { status: 404 });
  }
});

serveFloor(server, () => db.close());
