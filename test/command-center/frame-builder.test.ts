import { describe, expect, it } from 'vitest';

import { ContractSchemas } from '../../src/command-center/contract-row-schemas.js';
import { createFrameBuilder } from '../../src/command-center/frame-builder.js';
import { createFrameChecker } from '../../src/command-center/frame-check.js';
import { contract } from '../support/test-app.js';

const check = createFrameChecker(contract.document);
const source = { kind: 'api', label: 'test' };

function builderFor(document: object, schema: string) {
  const schemas = new ContractSchemas(document);
  return createFrameBuilder<Record<string, unknown>>(schemas.row(schema), schemas.resolve);
}

describe('frame builder', () => {
  it('derives columns and fields from the row schema, in schema order, with provenance backend', () => {
    const frames = builderFor(contract.document, 'Customer');
    expect(frames.columns).toEqual(['id', 'customer_code', 'name', 'region']);
    expect(frames.fields.map((f) => [f.key, f.type, f.nullable, f.provenance])).toEqual([
      ['id', 'integer', false, 'backend'],
      ['customer_code', 'string', false, 'backend'],
      ['name', 'string', false, 'backend'],
      ['region', 'string', false, 'backend'],
    ]);
    expect(frames.fields.find((f) => f.key === 'customer_code')?.label).toBe('Customer Code');
  });

  it('converts date-times to integer epoch milliseconds UTC', () => {
    const frame = builderFor(contract.document, 'RandomNumberRow').build({
      rows: [{ time_index: '2026-03-01T00:00:00.000Z', random_number: 0.5 }],
      source,
    });
    expect(frame.rows).toEqual([{ time_index: 1772323200000, random_number: 0.5 }]);
    expect(frame.fields?.[0]).toMatchObject({ key: 'time_index', type: 'datetime', nativeType: 'date-time' });
    expect(check(frame)).toEqual([]);
  });

  it('keeps exactly the schema columns in each row, whatever else the row carries', () => {
    const frame = builderFor(contract.document, 'Customer').build({
      rows: [{ id: 1, customer_code: 'A', name: 'A', region: 'US', password_hash: 'x' }],
      source,
    });
    expect(Object.keys(frame.rows[0]!)).toEqual(['id', 'customer_code', 'name', 'region']);
  });

  it('when a column is added to the row schema, it appears in columns and fields with no other code change', () => {
    const document = structuredClone(contract.document) as unknown as {
      components: { schemas: { Customer: { properties: Record<string, object>; required: string[] } } };
    };
    document.components.schemas.Customer.properties.onboarded_on = {
      type: 'string',
      format: 'date',
      description: 'Day the customer joined.',
    };
    const frame = builderFor(document, 'Customer').build({
      rows: [{ id: 1, customer_code: 'A', name: 'A', region: 'US', onboarded_on: '2026-01-02' }],
      source,
    });
    expect(frame.columns).toEqual(['id', 'customer_code', 'name', 'region', 'onboarded_on']);
    expect(frame.fields?.at(-1)).toMatchObject({
      key: 'onboarded_on',
      type: 'date',
      nullable: true,
      description: 'Day the customer joined.',
    });
    expect(frame.rows[0]).toMatchObject({ onboarded_on: Date.UTC(2026, 0, 2) });
    expect(check(frame)).toEqual([]);
  });
});

describe('frame checker', () => {
  const good = builderFor(contract.document, 'Customer').build({ rows: [{ id: 1, customer_code: 'A', name: 'A', region: 'US' }], source });

  it('accepts a frame the builder made', () => {
    expect(check(good)).toEqual([]);
  });

  it.each([
    ['a missing status', { ...good, status: undefined }, '/'],
    ['an unknown status', { ...good, status: 'done' }, '/status'],
    ['an unknown top-level property', { ...good, data: [] }, '/'],
    ['a row with a key outside columns', { ...good, rows: [{ ...good.rows[0], extra: 1 }] }, '/rows/0'],
    ['a row missing a column', { ...good, rows: [{ id: 1 }] }, '/rows/0'],
    ['a field for an unknown column', { ...good, fields: [{ key: 'ghost', type: 'string' }] }, '/fields/0/key'],
    ['a value of the wrong type', { ...good, rows: [{ ...good.rows[0], id: 'one' }] }, '/rows/0/id'],
    ['a bad field type', { ...good, fields: [{ key: 'id', type: 'decimal' }] }, '/fields/0/type'],
    ['a source without kind', { ...good, source: { label: 'x' } }, '/source'],
    [
      'a time series with ISO times',
      {
        ...good,
        columns: ['t'],
        rows: [{ t: '2026-01-01' }],
        fields: [],
        meta: { timeSeries: { shape: 'long', timeField: 't', sorted: true } },
      },
      '/rows/0/t',
    ],
  ])('reports %s', (_name, frame, path) => {
    const violations = check(frame);
    expect(violations.map((v) => v.path)).toContain(path);
  });
});
