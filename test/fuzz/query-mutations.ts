import fc from 'fast-check';

import { valueFor } from '../../src/json-schema/schema-arbitrary.js';
import { matching } from '../../src/json-schema/string-arbitrary.js';
import { mutate, type RequestMutation } from './fuzz-request.js';
import { oddText } from './odd-strings.js';
import { scalarText } from './valid-request.js';

/**
 * The contract's own words (openapi.yaml, info.description): "Unknown query parameters are
 * rejected with 400 rather than ignored". A request with one must never succeed.
 */
const UNKNOWN_QUERY_PARAMETERS_REJECTED = true;

/** A query parameter sent twice (`region=US&region=EU`). */
export const duplicateQueryParameter: RequestMutation = (operation, request) => {
  const targets = operation.parameters.filter((p) => p.in === 'query');
  if (targets.length === 0) return undefined;
  return fc.constantFrom(...targets).chain((p) =>
    fc.tuple(valueFor(p.schema, p.examples), fc.boolean()).map(([other, same]) =>
      mutate(request, `duplicate query.${p.name}`, false, (copy) => {
        const existing = copy.query.find(([name]) => name === p.name);
        const first = existing ? existing[1] : scalarText(other);
        if (!existing) copy.query.push([p.name, first]);
        copy.query.push([p.name, same ? first : scalarText(other)]);
      }),
    ),
  );
};

/** A query parameter the operation does not document, including names that are special to JavaScript objects. */
export const unknownQueryParameter: RequestMutation = (operation, request) => {
  const documented = operation.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  const lookalikes = documented.flatMap((name) => [`${name}[]`, `${name}[0]`, name.toUpperCase(), ` ${name}`]);
  const name = fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', 'a[b]', '__proto__[x]', ...lookalikes),
    matching(/^[a-z][a-z0-9_]{0,11}$/),
    oddText(),
  );
  return fc
    .tuple(
      name.filter((n) => !documented.includes(n)),
      fc.oneof(fc.constant('1'), fc.string({ maxLength: 10 })),
      fc.boolean(),
    )
    .map(([n, value, twice]) =>
      mutate(request, `unknown query.${JSON.stringify(n)}${twice ? ' (twice)' : ''}`, UNKNOWN_QUERY_PARAMETERS_REJECTED, (copy) => {
        copy.query.push([n, value]);
        if (twice) copy.query.push([n, `${value}2`]);
      }),
    );
};
