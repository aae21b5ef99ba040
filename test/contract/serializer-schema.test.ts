import { build } from 'fast-json-stringify';
import { describe, expect, it } from 'vitest';

import { serializerSchema } from '../../scripts/build/contract/serializer-schema.js';

const frameLike = {
  type: 'object',
  additionalProperties: false,
  properties: {
    columns: { type: 'array', items: { type: 'string' } },
    rows: { type: 'array', items: { type: 'object', additionalProperties: true, description: 'One object per row.' } },
    source: { type: 'object', additionalProperties: false, properties: { label: { type: 'string' } } },
  },
};

describe('serializerSchema', () => {
  it('writes free-form rows with exactly the text JSON.stringify gives, odd values included', () => {
    const serialize = build(serializerSchema(frameLike) as never) as (body: unknown) => string;
    const body = {
      columns: ['a', 'b'],
      rows: [{ a: 1, b: 'x"y\\z\u2028é😀' }, { a: null, b: { nested: [1, 2.5, true] } }, {}],
      source: { label: 'L' },
    };
    expect(serialize(body)).toBe(JSON.stringify(body));
  });

  it('still leaves out fields a listed object does not name', () => {
    const serialize = build(serializerSchema(frameLike) as never) as (body: unknown) => string;
    expect(JSON.parse(serialize({ columns: [], rows: [], source: { label: 'L', secret: 'leak' }, extra: 1 }))).toEqual({
      columns: [],
      rows: [],
      source: { label: 'L' },
    });
  });

  it('keeps objects that constrain their properties, and data keywords, as they are', () => {
    const constrained = { type: 'object', additionalProperties: true, required: ['id'] };
    const withData = { type: 'string', enum: [{ type: 'object', additionalProperties: true }] };
    expect(serializerSchema(constrained)).toEqual(constrained);
    expect(serializerSchema(withData)).toEqual(withData);
  });

  it('writes a choice between scalar types with JSON.stringify, so the serializer needs no validator when it loads', () => {
    const source = { type: 'object', properties: { id: { oneOf: [{ type: 'string' }, { type: 'integer' }] } } };
    const code = build(serializerSchema(source) as never, { mode: 'standalone' });
    expect(code).not.toContain('fast-json-stringify/lib/validator');
    const serialize = build(serializerSchema(source) as never) as (body: unknown) => string;
    expect(serialize({ id: 'a"b' })).toBe(JSON.stringify({ id: 'a"b' }));
    expect(serialize({ id: 42 })).toBe('{"id":42}');
  });

  it('keeps a choice between objects, whose branches list what to write', () => {
    const objects = { oneOf: [{ type: 'object', properties: { a: { type: 'string' } } }, { type: 'string' }] };
    expect(serializerSchema(objects)).toEqual(objects);
  });

  it('copies a shared or circular subschema once', () => {
    const node: Record<string, unknown> = { type: 'object', properties: {} };
    (node.properties as Record<string, unknown>).child = node;
    const copy = serializerSchema({ type: 'array', items: node }) as { items: { properties: { child: unknown } } };
    expect(copy.items.properties.child).toBe(copy.items);
  });
});
