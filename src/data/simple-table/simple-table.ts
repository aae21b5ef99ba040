import type { Kysely } from 'kysely';

import { InvalidInputError } from '../../errors/app-error.js';
import type { StorageEngine } from '../engine/storage-engine.js';
import type { Bind } from '../query/bind.js';
import type { Column } from '../query/column.js';
import { QueryTemplateCache } from '../query/query-template.js';
import { decodeRow, toStorage } from '../query/storage-codec.js';
import type { Filter } from './filter.js';
import { checkFilter } from './filter-check.js';
import { boundValues, filterShape, filterToSql } from './filter-sql.js';
import { checkRowValues } from './row-check.js';
import type { InsertOf, OrderableColumn, RecordOf, TableDeclaration } from './table-declaration.js';
import { UniqueViolationError } from './table-errors.js';
import { lastTableWrite, recordTableWrite } from './table-writes.js';

/** Paging and ordering of `executeFilter`. */
export interface QueryOptions<T extends TableDeclaration> {
  /** 1..500, default 50. */
  limit?: number;
  offset?: number;
  /** Orderable columns; NULLs sort last in either direction. The primary key breaks ties. */
  orderBy?: { column: OrderableColumn<T>; direction?: 'asc' | 'desc' }[];
}

/** How a table is opened. */
export interface SimpleTableOptions {
  /** The clock writes are stamped with (see `lastWrite`); the system clock by default. */
  now?: () => Date;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

/**
 * Typed access to one declared table: filtered reads and transactional writes. The
 * declaration is the only schema; column names never come from callers unchecked.
 */
export class SimpleTable<T extends TableDeclaration> {
  /** Compiled reads by shape: a filter's shape plus the ordering (see `filterShape`). */
  private readonly templates = new QueryTemplateCache();
  /** The declared columns as [name, column] pairs, listed once rather than for every row decoded. */
  private readonly columnList: [string, Column][];

  private readonly now: () => Date;

  constructor(
    private readonly engine: StorageEngine,
    readonly declaration: T,
    options: SimpleTableOptions = {},
  ) {
    this.columnList = Object.entries(declaration.columns);
    this.now = options.now ?? (() => new Date());
  }

  private get db(): Kysely<any> {
    return this.engine.db;
  }

  /** Rows matching `filter` (all rows when absent), ordered and paged. */
  async executeFilter(filter?: Filter<T>, options: QueryOptions<T> = {}): Promise<RecordOf<T>[]> {
    const limit = options.limit ?? DEFAULT_LIMIT;
    const offset = options.offset ?? 0;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputError(`limit must be an integer from 1 to ${MAX_LIMIT}`, [
        { field: 'limit', message: `must be an integer from 1 to ${MAX_LIMIT}` },
      ]);
    }
    if (!Number.isInteger(offset) || offset < 0) {
      throw new InvalidInputError('offset must be a non-negative integer', [
        { field: 'offset', message: 'must be a non-negative integer' },
      ]);
    }
    const checked = filter === undefined ? undefined : checkFilter(this.declaration, filter);
    const ordering = this.ordering(options.orderBy);
    const select = (bind: Bind) =>
      this.selectQuery(checked, ordering, bind)
        .limit(bind(limit) as number)
        .offset(bind(offset) as number);
    const shape = `${checked ? filterShape(checked) : ''} order by ${ordering.map((o) => `${o.column} ${o.direction}`).join(',')}`;
    const values = checked ? boundValues(this.declaration, checked) : [];
    values.push(limit, offset);
    // Rows are copied by decode anyway: an engine that can return them as arrays skips an object per row.
    const rows = await this.templates.read(this.engine, shape, select, values, true);
    return rows.map((row) => this.decode(row));
  }

  /** The select of every declared column, filtered and ordered; values are bound through `bind`. */
  private selectQuery(checked: Filter<T> | undefined, ordering: { column: string; direction: 'asc' | 'desc' }[], bind: Bind) {
    let query = this.db.selectFrom(this.declaration.name).select(this.columnList.map(([name]) => name));
    if (checked) query = query.where((eb) => filterToSql(eb, this.declaration, checked, bind));
    // Engines disagree on where NULLs sort; pin it (last, either direction) so both answer alike.
    // Only nullable columns need it: NULLS LAST on a NOT NULL key stops SQLite from walking the
    // index in order and made it sort every matching row (`npx tsx bench/profile.ts customers`).
    for (const { column, direction } of ordering) {
      const nullable = this.declaration.columns[column]?.flags.nullable === true;
      query = query.orderBy(column, (ob) => {
        const ordered = direction === 'desc' ? ob.desc() : ob.asc();
        return nullable ? ordered.nullsLast() : ordered;
      });
    }
    return query;
  }

  /** Inserts rows in one transaction; a unique-key clash raises `UniqueViolationError` and writes nothing. */
  async insert(rows: InsertOf<T> | InsertOf<T>[]): Promise<RecordOf<T>[]> {
    const list = Array.isArray(rows) ? rows : [rows];
    if (list.length === 0) return [];
    const encoded = list.map((row) => this.encode(row));
    try {
      const inserted = await this.transactional(async (trx) => {
        const stored = await trx.insertInto(this.declaration.name).values(encoded).returningAll().execute();
        return this.stamped(trx, stored);
      });
      return inserted.map((row) => this.decode(row));
    } catch (error) {
      throw this.translate(error, list);
    }
  }

  /** Inserts rows, replacing the other columns of rows whose `conflictColumns` already exist. */
  async upsert(rows: InsertOf<T>[], conflictColumns: (keyof T['columns'] & string)[]): Promise<RecordOf<T>[]> {
    if (rows.length === 0) return [];
    const encoded = rows.map((row) => this.encode(row));
    const updatable = Object.keys(encoded[0]!).filter((c) => !conflictColumns.includes(c));
    try {
      const written = await this.transactional(async (trx) => {
        const stored = await trx
          .insertInto(this.declaration.name)
          .values(encoded)
          .onConflict((oc) =>
            updatable.length === 0
              ? oc.columns(conflictColumns).doNothing()
              : oc.columns(conflictColumns).doUpdateSet((eb) => Object.fromEntries(updatable.map((c) => [c, eb.ref(`excluded.${c}`)]))),
          )
          .returningAll()
          .execute();
        return this.stamped(trx, stored);
      });
      return written.map((row) => this.decode(row));
    } catch (error) {
      throw this.translate(error, rows);
    }
  }

  /**
   * When this table was last written (an insert or upsert that stored rows, on any process
   * sharing the database), or null when it never was. The time is stored in the write's own
   * transaction, so it survives restarts and never runs ahead of the rows.
   */
  lastWrite(): Promise<Date | null> {
    return lastTableWrite(this.engine, this.declaration.name, this.templates);
  }

  /** Records the write of `rows` (when there are any) in the same transaction, and hands them on. */
  private async stamped<R extends unknown[]>(trx: Kysely<any>, rows: R): Promise<R> {
    if (rows.length > 0) await recordTableWrite(trx, this.declaration.name, this.now());
    return rows;
  }

  /** Runs `work` in a transaction, joining the caller's when this table was opened inside one. */
  private transactional<R>(work: (trx: Kysely<any>) => Promise<R>): Promise<R> {
    return this.db.isTransaction ? work(this.db) : this.db.transaction().execute(work);
  }

  private ordering(orderBy: QueryOptions<T>['orderBy']): { column: string; direction: 'asc' | 'desc' }[] {
    const requested = (orderBy ?? []).map(({ column, direction }): { column: string; direction: 'asc' | 'desc' } => {
      if (!this.declaration.columns[column]?.flags.orderable) {
        throw new InvalidInputError(`column ${column} is not orderable`, [
          { field: 'orderBy', message: `column ${column} is not orderable` },
        ]);
      }
      return { column, direction: direction ?? ('asc' as const) };
    });
    // A unique tiebreaker keeps paging stable when the requested order has ties.
    const key = Object.entries(this.declaration.columns).find(([, c]) => c.flags.primaryKey)?.[0];
    if (key && !requested.some((o) => o.column === key)) requested.push({ column: key, direction: 'asc' });
    return requested;
  }

  private encode(row: object): Record<string, unknown> {
    checkRowValues(this.declaration, row);
    const encoded: Record<string, unknown> = {};
    for (const [name, column] of Object.entries(this.declaration.columns)) {
      if (column.flags.generated) continue;
      encoded[name] = toStorage(column, (row as Record<string, unknown>)[name]);
    }
    return encoded;
  }

  /** A stored row (an object, or an array in the select list's order, which is the declaration's). */
  private decode(row: unknown): RecordOf<T> {
    return decodeRow(this.columnList, row) as RecordOf<T>;
  }

  private translate(error: unknown, rows: object[]): unknown {
    if (!this.engine.isUniqueViolation(error)) return error;
    const unique = Object.entries(this.declaration.columns)
      .filter(([, c]) => c.flags.unique)
      .map(([name]) => name);
    const values = rows.length === 1 ? Object.fromEntries(unique.map((name) => [name, (rows[0] as Record<string, unknown>)[name]])) : {};
    return new UniqueViolationError(this.declaration.name, values, error);
  }
}
