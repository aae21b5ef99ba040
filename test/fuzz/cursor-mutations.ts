import fc from 'fast-check';

import { INTEGER_COLUMN_RANGE as ID_RANGE } from '../../src/data/query/column.js';
import { mutate, type RequestMutation } from './fuzz-request.js';

/** JSON a client might wrap as a cursor, none of which is a position this server issues. */
const OTHER_FORGERIES: readonly { json: string; what: string }[] = [
  { json: '{"after":2147483648}', what: 'one past the id range' },
  { json: '{"after":-1}', what: 'negative' },
  { json: '{"after":1.5}', what: 'not an integer' },
  { json: '{"after":1e400}', what: 'infinite' },
  { json: '{"after":"7"}', what: 'a string' },
  { json: '{"after":null}', what: 'null' },
  { json: '{"after":true}', what: 'a boolean' },
  { json: '{"after":[7]}', what: 'an array' },
  { json: '{}', what: 'no position' },
  { json: '{"__proto__":{"after":7}}', what: 'the position behind __proto__' },
  { json: '[7]', what: 'a bare array' },
  { json: '7', what: 'a bare number' },
  { json: 'null', what: 'JSON null' },
  { json: '{"after":7', what: 'truncated JSON' },
];

/**
 * A paging cursor built by hand instead of taken from a `Link` header, which the contract
 * forbids ("Opaque position ... Do not build it by hand"): the server's own shape, base64url
 * JSON `{"after": <id>}`, with a position past the id column's integer range (issue 17: a 500
 * on PostgreSQL, an empty page on SQLite), or another shape altogether. It must be refused
 * with a 400 naming `query.cursor`.
 */
export const forgedCursor: RequestMutation = (operation, request) => {
  if (!operation.parameters.some((p) => p.in === 'query' && p.name === 'cursor')) return undefined;
  const outOfRange = fc
    .oneof(fc.bigInt({ min: BigInt(ID_RANGE.max) + 1n, max: 2n ** 63n }), fc.bigInt({ min: -(2n ** 63n), max: BigInt(ID_RANGE.min) - 1n }))
    .map((after) => ({ json: `{"after":${after}}`, what: `after=${after}, outside the id range` }));
  const forgery = fc.oneof({ weight: 2, arbitrary: outOfRange }, { weight: 1, arbitrary: fc.constantFrom(...OTHER_FORGERIES) });
  return forgery.map(({ json, what }) =>
    mutate(request, `forged query.cursor (${what})`, true, (copy) => {
      copy.query = [...copy.query.filter(([name]) => name !== 'cursor'), ['cursor', Buffer.from(json).toString('base64url')]];
      copy.refusal = { status: 400, field: 'query.cursor' };
    }),
  );
};
