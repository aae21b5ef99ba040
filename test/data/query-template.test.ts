import fc from 'fast-check';
import {
  type CompiledQuery,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { StorageEngine } from '../../src/data/engine/storage-engine.js';
import { QueryTemplate } from '../../src/data/query/query-template.js';
import { and, type Filter, or } from '../../src/data/simple-table/filter.js';
import { filterBuilder } from '../../src/data/simple-table/filter-builder.js';
import { type QueryOptions, SimpleTable } from '../../src/data/simple-table/simple-table.js';
import { type Instruments, instruments } from '../support/instruments-table.js';

const f = filterBuilder(instruments);

/** A SimpleTable on an engine that compiles for `kind` and records every query it would run. */
function recordingTable(kind: 'sqlite' | 'postgres') {
  const ran: { sql: string; parameters: readonly unknown[] }[] = [];
  const sqlite = kind === 'sqlite';
  const db = new Kysely<any>({
    dialect: {
      createAdapter: () => (sqlite ? new SqliteAdapter() : new PostgresAdapter()),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => (sqlite ? new SqliteIntrospector(k) : new PostgresIntrospector(k)),
      createQueryCompiler: () => (sqlite ? new SqliteQueryCompiler() : new PostgresQueryCompiler()),
    },
    log: (event) => {
      ran.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  const engine: StorageEngine = {
    kind,
    db,
    isUniqueViolation: () => false,
    poolStatus: () => ({ max: 1, open: 0, idle: 0, waiting: 0 }),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    destroy: () => db.destroy(),
  };
  return { table: new SimpleTable(engine, instruments), ran };
}

const text = fc.string({ maxLength: 12 });
const price = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
const instant = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });
const list = <V>(value: fc.Arbitrary<V>) => fc.array(value, { minLength: 1, maxLength: 4 });

const condition: fc.Arbitrary<Filter<Instruments>> = fc.oneof(
  text.map((v) => f.symbol.eq(v)),
  text.map((v) => f.symbol.ne(v)),
  text.map((v) => f.symbol.contains(v)),
  text.map((v) => f.symbol.startsWith(v)),
  text.map((v) => f.symbol.endsWith(v)),
  list(text).map((v) => f.symbol.in(v)),
  list(text).map((v) => f.symbol.notIn(v)),
  fc.tuple(text, text).map(([low, high]) => f.symbol.between(low, high)),
  price.map((v) => f.price.lt(v)),
  price.map((v) => f.price.gte(v)),
  list(price).map((v) => f.price.in(v)),
  fc.boolean().map((v) => f.price.isNull(v)),
  fc.boolean().map((v) => f.active.eq(v)),
  fc.boolean().map((v) => f.active.ne(v)),
  instant.map((v) => f.listed_at.gt(v)),
  fc.tuple(instant, instant).map(([low, high]) => f.listed_at.between(low, high)),
  fc.integer({ min: 1, max: 1e6 }).map((v) => f.id.lte(v)),
);

const filter: fc.Arbitrary<Filter<Instruments>> = fc.letrec<{ node: Filter<Instruments> }>((tie) => ({
  node: fc.oneof(
    // maxDepth: at most 8 nested groups, the deepest filter-check accepts.
    { depthSize: 'small', maxDepth: 8, withCrossShrink: true },
    condition,
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((items) => and(...items)),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((items) => or(...items)),
  ),
})).node;

const options: fc.Arbitrary<QueryOptions<Instruments>> = fc.record({
  limit: fc.integer({ min: 1, max: 500 }),
  offset: fc.nat(1000),
  orderBy: fc.constantFrom<QueryOptions<Instruments>['orderBy']>(
    undefined,
    [{ column: 'price', direction: 'desc' }],
    [{ column: 'symbol' }],
  ),
});

afterEach(() => vi.restoreAllMocks());

describe.each(['sqlite', 'postgres'] as const)('compiled query templates (%s)', (kind) => {
  it('run every filter with exactly the SQL and parameters Kysely builds for it afresh', async () => {
    const cached = recordingTable(kind);
    // Queries of one shape run back to back, so most runs reuse a template made for other values.
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(filter, options), { minLength: 1, maxLength: 6 }), async (runs) => {
        const fresh = recordingTable(kind);
        for (const [where, paging] of runs) {
          cached.ran.length = 0;
          await cached.table.executeFilter(where, paging);
          const spy = vi.spyOn(QueryTemplate, 'compile').mockReturnValue(undefined);
          await fresh.table.executeFilter(where, paging);
          spy.mockRestore();
          expect(cached.ran).toEqual(fresh.ran.splice(0));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('reuse one template for a shape seen before and build another for a new shape', async () => {
    const compile = vi.spyOn(QueryTemplate, 'compile');
    const { table, ran } = recordingTable(kind);
    await table.executeFilter(f.symbol.in(['A', 'B']), { limit: 5 });
    await table.executeFilter(f.symbol.in(['C', 'D']), { limit: 7, offset: 2 });
    expect(compile).toHaveBeenCalledTimes(1);
    expect(ran[1]!.parameters).toEqual(['C', 'D', 7, 2]);
    await table.executeFilter(f.symbol.in(['C', 'D', 'E']), { limit: 5 });
    expect(compile).toHaveBeenCalledTimes(2);
    expect(ran[2]!.parameters).toEqual(['C', 'D', 'E', 5, 0]);
  });
});

describe('QueryTemplate.compile', () => {
  const compilable = (parameters: unknown[]) => ({
    compile: () => ({ sql: 'select ?', parameters }) as unknown as CompiledQuery,
  });

  it('fills each placeholder with its value and keeps parameters that were not bound', () => {
    const template = QueryTemplate.compile((bind) => {
      const first = bind('a');
      const second = bind('b');
      return compilable([second, 'literal', first]);
    });
    expect(template?.fill(['x', 'y']).parameters).toEqual(['y', 'literal', 'x']);
  });

  it('refuses a query that drops a bound value or binds one twice', () => {
    expect(QueryTemplate.compile((bind) => compilable([bind(1), (bind(2), 'other')]))).toBeUndefined();
    expect(
      QueryTemplate.compile((bind) => {
        const value = bind(1);
        return compilable([value, value]);
      }),
    ).toBeUndefined();
  });
});
