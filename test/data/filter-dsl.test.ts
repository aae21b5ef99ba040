import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { and, type Filter, or } from '../../src/data/simple-table/filter.js';
import { filterBuilder } from '../../src/data/simple-table/filter-builder.js';
import { checkFilter, FilterError } from '../../src/data/simple-table/filter-check.js';
import { SimpleTable } from '../../src/data/simple-table/simple-table.js';
import { createDeclaredTable } from '../../src/data/simple-table/table-ddl.js';
import { engines } from '../support/engines.js';
import { type Instruments, instruments } from '../support/instruments-table.js';

const f = filterBuilder(instruments);

const rows = [
  { symbol: 'AAPL', price: 190.5, active: true, listed_at: new Date('1980-12-12T00:00:00Z'), notes: null },
  { symbol: 'MSFT', price: 410, active: true, listed_at: new Date('1986-03-13T00:00:00Z'), notes: 'software' },
  { symbol: '100%_PURE', price: null, active: false, listed_at: null, notes: 'odd name' },
  { symbol: 'abc', price: 1, active: false, listed_at: new Date('2020-01-01T00:00:00Z'), notes: null },
  { symbol: "O'REILLY", price: 900.25, active: true, listed_at: new Date('1993-04-22T00:00:00Z'), notes: null },
];

describe.each(engines)('filter DSL on $name', (engine) => {
  let table: SimpleTable<Instruments>;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const opened = await engine.open();
    close = opened.close;
    await createDeclaredTable(opened.storage.db, opened.storage.kind, instruments);
    table = new SimpleTable(opened.storage, instruments);
    await table.insert(rows);
  });
  afterAll(() => close());

  const symbols = async (filter?: Filter<Instruments>) =>
    (await table.executeFilter(filter, { limit: 500, orderBy: [{ column: 'symbol' }] })).map((r) => r.symbol);

  it.each<[string, () => Filter<Instruments>, string[]]>([
    ['eq', () => f.symbol.eq('MSFT'), ['MSFT']],
    ['ne (keeps rows without a value)', () => f.price.ne(1), ['100%_PURE', 'AAPL', 'MSFT', "O'REILLY"]],
    ['lt', () => f.price.lt(190.5), ['abc']],
    ['lte', () => f.price.lte(190.5), ['AAPL', 'abc']],
    ['gt', () => f.price.gt(410), ["O'REILLY"]],
    ['gte', () => f.price.gte(410), ['MSFT', "O'REILLY"]],
    ['in', () => f.symbol.in(['AAPL', 'abc', 'NOPE']), ['AAPL', 'abc']],
    ['notIn', () => f.symbol.notIn(['AAPL', 'abc']), ['100%_PURE', 'MSFT', "O'REILLY"]],
    ['contains (case-sensitive)', () => f.symbol.contains('A'), ['AAPL']],
    ['contains does not fold case', () => f.symbol.contains('b'), ['abc']],
    ['contains treats % literally', () => f.symbol.contains('%'), ['100%_PURE']],
    ['contains treats _ literally', () => f.symbol.contains('%_'), ['100%_PURE']],
    ['startsWith', () => f.symbol.startsWith('M'), ['MSFT']],
    ['endsWith', () => f.symbol.endsWith('LY'), ["O'REILLY"]],
    ['isNull(true)', () => f.price.isNull(true), ['100%_PURE']],
    ['isNull(false)', () => f.listed_at.isNull(false), ['AAPL', 'MSFT', "O'REILLY", 'abc']],
    ['between (inclusive)', () => f.price.between(1, 410), ['AAPL', 'MSFT', 'abc']],
    ['eq on booleans', () => f.active.eq(false), ['100%_PURE', 'abc']],
    ['gt on timestamps', () => f.listed_at.gt(new Date('1990-01-01T00:00:00Z')), ["O'REILLY", 'abc']],
    ['and', () => and(f.active.eq(true), f.price.gt(200)), ['MSFT', "O'REILLY"]],
    ['or', () => or(f.symbol.eq('abc'), f.price.isNull(true)), ['100%_PURE', 'abc']],
    ['nested and/or', () => and(f.active.eq(true), or(f.symbol.startsWith('A'), f.price.gt(800))), ['AAPL', "O'REILLY"]],
    ['a quote in a value is just a character', () => f.symbol.eq("O'REILLY"), ["O'REILLY"]],
    ['an injection attempt matches nothing', () => f.symbol.eq("' OR 1=1 --"), []],
  ])('%s', async (_name, filter, expected) => {
    expect(await symbols(filter())).toEqual(expected);
  });

  it('with no filter, returns every row, ordered (NULLs last) and paged', async () => {
    expect(await symbols()).toHaveLength(rows.length);
    const page = await table.executeFilter(undefined, { limit: 2, offset: 1, orderBy: [{ column: 'price', direction: 'desc' }] });
    expect(page.map((r) => r.symbol)).toEqual(['MSFT', 'AAPL']);
  });

  it('returns typed records decoded from storage', async () => {
    const [aapl] = await table.executeFilter(f.symbol.eq('AAPL'));
    expect(aapl).toMatchObject({ symbol: 'AAPL', price: 190.5, active: true, notes: null });
    expect(aapl!.listed_at).toEqual(new Date('1980-12-12T00:00:00Z'));
  });

  it('accepts the JSON wire form once it is checked', async () => {
    const wire = JSON.parse(
      '{"type":"group","logic":"or","items":[{"type":"condition","field":"symbol","op":"eq","value":"abc"},{"type":"condition","field":"listed_at","op":"lt","value":"1985-01-01T00:00:00Z"}]}',
    );
    expect(await symbols(checkFilter(instruments, wire))).toEqual(['AAPL', 'abc']);
  });

  it.each([
    ['an unknown column', { type: 'condition', field: 'password', op: 'eq', value: 'x' }, 'filter.field'],
    ['a column not marked filterable', { type: 'condition', field: 'notes', op: 'eq', value: 'x' }, 'filter.field'],
    ['an unknown operator', { type: 'condition', field: 'symbol', op: 'regex', value: '.*' }, 'filter.op'],
    ['a text operator on a number', { type: 'condition', field: 'price', op: 'contains', value: '1' }, 'filter.op'],
    ['a wrong value type', { type: 'condition', field: 'price', op: 'eq', value: '1 OR 1=1' }, 'filter.value'],
    ['a NUL byte', { type: 'condition', field: 'symbol', op: 'eq', value: 'a\u0000b' }, 'filter.value'],
    ['a 10 kB string', { type: 'condition', field: 'symbol', op: 'eq', value: 'x'.repeat(10_240) }, 'filter.value'],
    ['an empty in-list', { type: 'condition', field: 'symbol', op: 'in', value: [] }, 'filter.value'],
    ['a bad between', { type: 'condition', field: 'price', op: 'between', value: [1] }, 'filter.value'],
    ['a bad group', { type: 'group', logic: 'xor', items: [] }, 'filter.logic'],
    ['an extra key', { type: 'condition', field: 'symbol', op: 'eq', value: 'a', raw: 'DROP TABLE' }, 'filter'],
  ])('refuses %s with a FilterError naming the place', async (_name, wire, field) => {
    const attempt = () => checkFilter(instruments, wire);
    expect(attempt).toThrow(FilterError);
    try {
      attempt();
    } catch (error) {
      expect((error as FilterError).errors?.map((e) => e.field)).toContain(field);
    }
  });

  it('refuses a typed filter whose value is wrong at run time too (values built dynamically)', async () => {
    const sneaky = f.price.eq(Number.NaN);
    await expect(table.executeFilter(sneaky)).rejects.toBeInstanceOf(FilterError);
  });

  it('refuses an integer value past the integer column range on every engine (PostgreSQL would fail the query)', async () => {
    await expect(table.executeFilter(f.id.gt(2 ** 31))).rejects.toBeInstanceOf(FilterError);
    expect(await table.executeFilter(f.id.gt(2 ** 31 - 1))).toEqual([]);
  });

  it('refuses a limit outside 1..500', async () => {
    await expect(table.executeFilter(undefined, { limit: 0 })).rejects.toThrow(/limit/);
    await expect(table.executeFilter(undefined, { limit: 501 })).rejects.toThrow(/limit/);
  });
});
