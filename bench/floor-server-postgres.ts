import { createServer, type ServerResponse } from 'node:http';

import pg from 'pg';

import * as floor from './floor-responses.js';

/**
 * The PostgreSQL floor: bench/floor-server.ts's work on PostgreSQL. The service's SQL (the
 * same texts, `$n` placeholders, unnamed statements as Kysely sends them) through a `pg.Pool`
 * of the service's default size, with the service's type parsing (bigint as number).
 * Env: DATABASE_URL (postgres://), DATABASE_SCHEMA, PORT, HOST, MAIN_SEQUENCE_PROJECT_ID.
 */
const INT8_OID = 20;
const schema = process.env.DATABASE_SCHEMA;
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: 10,
  types: {
    getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format ?? 'text')),
  } as pg.CustomTypesConfig,
  ...(schema ? { options: `-c search_path=${schema}` } : {}),
});
pool.on('error', () => undefined);

/** `?` placeholders numbered as PostgreSQL wants them. */
const numbered = (text: string) => {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
};
const SQL = {
  customersInRegion: numbered(floor.FLOOR_SQL.customersInRegion),
  allCustomers: numbered(floor.FLOOR_SQL.allCustomers),
  registryEntry: numbered(floor.FLOOR_SQL.registryEntry),
  lastTableWrite: numbered(floor.FLOOR_SQL.lastTableWrite),
};
const rangeTexts = new Map<string, string>();

async function customers(query: URLSearchParams): Promise<floor.CustomerRow[]> {
  const limit = floor.pageLimit(query);
  const region = query.get('region');
  const result =
    region === null
      ? await pool.query<floor.CustomerRow>(SQL.allCustomers, [limit + 1, 0])
      : await pool.query<floor.CustomerRow>(SQL.customersInRegion, [region, limit + 1, 0]);
  return result.rows;
}

async function randomNumbers(query: URLSearchParams) {
  const { rows: entries } = await pool.query<{ identifier: string; table_name: string }>(SQL.registryEntry, [floor.floorIdentifier]);
  const entry = entries[0];
  if (!entry) return undefined;
  let range = rangeTexts.get(entry.table_name);
  if (!range) {
    range = numbered(floor.FLOOR_SQL.range(entry.table_name));
    rangeTexts.set(entry.table_name, range);
  }
  const { rows } = await pool.query<{ time_index: number; random_number: number }>(range, [...floor.dayRange(query), 10_001]);
  return { identifier: entry.identifier, rows };
}

async function answer(path: string, query: URLSearchParams, res: ServerResponse): Promise<void> {
  switch (path) {
    case '/health':
      return floor.sendHealth(res);
    case '/customers':
      return floor.sendCustomers(res, floor.customerPage(await customers(query), query));
    case '/random-numbers': {
      const series = await randomNumbers(query);
      return series ? floor.sendSeries(res, series.identifier, series.rows) : floor.sendJson(res, 404, { status: 404 });
    }
    case '/widgets/customers': {
      const page = floor.customerPage(await customers(query), query);
      const { rows } = await pool.query<{ last_write_ms: number }>(SQL.lastTableWrite, ['customers']);
      return floor.sendCustomerFrame(res, page, rows[0]?.last_write_ms);
    }
    default:
      return floor.sendJson(res, 404, { status: 404 });
  }
}

const server = createServer((req, res) => {
  const { path, query } = floor.splitUrl(req.url);
  answer(path, query, res).catch((error: unknown) => floor.sendJson(res, 500, { status: 500, detail: String(error) }));
});

floor.serveFloor(server, () => pool.end());
