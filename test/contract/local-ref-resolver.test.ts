import { describe, expect, it } from 'vitest';

import { pointerTarget, resolveLocalRefs, UnresolvableRefError } from '../../src/contract/local-ref-resolver.js';
import { contract } from '../support/test-app.js';

const document = {
  components: {
    schemas: {
      Code: { type: 'string', pattern: '^[A-Z]+$' },
      Pair: { type: 'object', properties: { left: { $ref: '#/components/schemas/Code' }, right: { $ref: '#/components/schemas/Code' } } },
      Wrapper: { type: 'object', properties: { pair: { $ref: '#/components/schemas/Pair' } } },
      Node: {
        type: 'object',
        properties: { value: { type: 'integer' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } },
      },
      'a/b~c': { type: 'boolean' },
      Example: { type: 'object', example: { $ref: 'not a reference, an example value' }, enum: [{ $ref: 'data' }] },
      Named: { type: 'object', properties: { enum: { $ref: '#/components/schemas/Code' } } },
    },
    parameters: { Limit: { name: 'limit', in: 'query', schema: { type: 'integer' }, description: 'shared' } },
  },
};

describe('resolveLocalRefs', () => {
  it('when references nest, resolves them all the way down', () => {
    expect(resolveLocalRefs(document, { $ref: '#/components/schemas/Wrapper' })).toEqual({
      type: 'object',
      properties: {
        pair: {
          type: 'object',
          properties: { left: { type: 'string', pattern: '^[A-Z]+$' }, right: { type: 'string', pattern: '^[A-Z]+$' } },
        },
      },
    });
  });

  it('when one reference repeats, each occurrence is expanded and the input is left untouched', () => {
    const before = structuredClone(document);
    const resolved = resolveLocalRefs(document, { a: { $ref: '#/components/schemas/Code' }, b: [{ $ref: '#/components/schemas/Code' }] });
    expect(resolved).toEqual({ a: document.components.schemas.Code, b: [document.components.schemas.Code] });
    expect(resolved.a).not.toBe(document.components.schemas.Code);
    expect(document).toEqual(before);
  });

  it('when annotations sit beside a $ref, they override the target; when constraints do, both apply through allOf', () => {
    expect(resolveLocalRefs(document, { $ref: '#/components/parameters/Limit', description: 'mine' })).toMatchObject({
      name: 'limit',
      description: 'mine',
    });
    expect(resolveLocalRefs(document, { $ref: '#/components/schemas/Code', maxLength: 3 })).toEqual({
      allOf: [{ type: 'string', pattern: '^[A-Z]+$' }, { maxLength: 3 }],
    });
  });

  it('when a pointer escapes / and ~, follows it', () => {
    expect(resolveLocalRefs(document, { $ref: '#/components/schemas/a~1b~0c' })).toEqual({ type: 'boolean' });
    expect(pointerTarget(document, '#/components/schemas/a~1b~0c')).toEqual({ type: 'boolean' });
  });

  it('when example and enum values look like references, copies them as data; a property named enum is still a schema', () => {
    expect(resolveLocalRefs(document, { $ref: '#/components/schemas/Example' })).toEqual(document.components.schemas.Example);
    expect(resolveLocalRefs(document, { $ref: '#/components/schemas/Named' })).toEqual({
      type: 'object',
      properties: { enum: { type: 'string', pattern: '^[A-Z]+$' } },
    });
  });

  it('when a schema is recursive, refuses by default, naming the cycle', () => {
    expect(() => resolveLocalRefs(document, { $ref: '#/components/schemas/Node' })).toThrow(UnresolvableRefError);
    expect(() => resolveLocalRefs(document, { $ref: '#/components/schemas/Node' })).toThrow(/Node -> #\/components\/schemas\/Node/);
  });

  it('when a recursive schema is bundled, the result stands on its own with the cycle under $defs', () => {
    const bundled = resolveLocalRefs(
      document,
      { type: 'object', properties: { tree: { $ref: '#/components/schemas/Node' } } },
      { cycles: 'bundle' },
    );
    expect(bundled).toEqual({
      type: 'object',
      properties: { tree: { $ref: '#/$defs/Node' } },
      $defs: {
        Node: { type: 'object', properties: { value: { type: 'integer' }, children: { type: 'array', items: { $ref: '#/$defs/Node' } } } },
      },
    });
    expect(JSON.stringify(bundled)).not.toContain('#/components');
  });

  it.each([
    ['a dangling reference', '#/components/schemas/Missing', /nothing at segment 'Missing'/],
    ['a reference to another document', 'other.yaml#/components/schemas/Code', /only local references/],
  ])('when given %s, throws naming it', (_case, ref, message) => {
    expect(() => resolveLocalRefs(document, { $ref: ref })).toThrow(message);
  });

  it('when given the real contract, leaves no $ref in any operation', () => {
    const paths = resolveLocalRefs(contract.document, contract.document.paths);
    expect(JSON.stringify(paths)).not.toContain('"$ref"');
  });
});
