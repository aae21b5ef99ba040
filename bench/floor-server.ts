import { createServer } from 'node:http';

import Database from 'better-sqlite3';

import * as floor from './floor-responses.js';

/**
 * The floor: what the benchmark cases cost with no framework and no validation. A plain
 * `node:http` server running the service's SQL through the same driver (better-sqlite3) with
 * statements prepared once, answering the same JSON shapes with `JSON.stringify`.
 * Env: DATABASE_URL (SQLite file), PORT, HOST, MAIN_SEQUENCE_PROJECT_ID.
 */
const db = new Database(process.env.DATABASE_URL ?? 'data/tutorial.sqlite', { readonly: true, fileMustExist: true });
const customersInRegion = db.prepare(floor.FLOOR_SQL.customersInRegion);
const allCustomers = db.prepare(floor.FLOOR_SQL.allCustomers);
const registryEntry = db.prepare(floor.FLOOR_SQL.registryEntry);
const lastTableWrite = db.prepare(floor.FLOOR_SQL.lastTableWrite);
const rangeStatements = new Map<string, Database.Statement>();

function customers(query: URLSearchParams): floor.CustomerRow[] {
  const limit = floor.pageLimit(query);
  const region = query.get('region');
  return (region === null ? allCustomers.all(limit + 1, 0) : customersInRegion.all(region, limit + 1, 0)) as floor.CustomerRow[];
}

function randomNumbers(query: URLSearchParams) {
  const entry = registryEntry.get(floor.floorIdentifier) as { identifier: string; table_name: string } | undefined;
  if (!entry) return undefined;
  let range = rangeStatements.get(entry.table_name);
  if (!range) {
    range = db.prepare(floor.FLOOR_SQL.range(entry.table_name));
    rangeStatements.set(entry.table_name, range);
  }
  const rows = range.all(...floor.dayRange(query), 10_001) as { time_index: number; random_number: number }[];
  return { identifier: entry.identifier, rows };
}

const server = createServer((req, res) => {
  const { path, query } = floor.splitUrl(req.url);
  switch (path) {
    case '/health':
      return floor.sendHealth(res);
    case '/customers':
      return floor.sendCustomers(res, floor.customerPage(customers(query), query));
    case '/random-numbers': {
      const series = randomNumbers(query);
      return series ? floor.sendSeries(res, series.identifier, series.rows) : floor.sendJson(res, 404, { status: 404 });
    }
    case '/widgets/customers': {
      const written = lastTableWrite.get('customers') as { last_write_ms: number } | undefined;
      return floor.sendCustomerFrame(res, floor.customerPage(customers(query), query), written?.last_write_ms);
    }
    default:
      return floor.sendJson(res, 404, { status: 404 });
  }
});

floor.serveFloor(server, () => db.close());
