import fc from 'fast-check';

import type { JsonSchema } from '../../src/json-schema/json-schema.js';
import { satisfies } from '../../src/json-schema/strict-validator.js';
import { bodyPayload, mutate, type RequestMutation } from './fuzz-request.js';

/** Media types that are not the JSON the operations accept (`certain`: no server may take them as JSON). */
const OTHER_CONTENT_TYPES = [
  { type: 'text/plain', certain: true },
  { type: 'application/xml', certain: true },
  { type: 'application/x-www-form-urlencoded', certain: true },
  { type: 'multipart/form-data; boundary=x', certain: true },
  { type: 'application/jsonx', certain: true },
  { type: 'APPLICATION/JSON', certain: false },
  { type: 'application/json; charset=utf-16', certain: false },
  { type: 'application/json; charset=latin1', certain: false },
];

/** Content codings a client may claim while sending the body uncompressed. */
const CONTENT_ENCODINGS = [
  { coding: 'gzip', certain: true },
  { coding: 'deflate', certain: true },
  { coding: 'br', certain: true },
  { coding: 'x-unknown', certain: true },
  { coding: 'identity', certain: false },
];

/** The request body left out, or sent empty. */
export const missingBody: RequestMutation = (operation, request) => {
  if (!operation.body?.required) return undefined;
  const contentType = operation.body.mediaType;
  return fc.boolean().map((empty) =>
    mutate(request, empty ? 'empty body' : 'missing body', true, (copy) => {
      copy.body = empty ? { kind: 'raw', text: '', contentType } : undefined;
    }),
  );
};

/** Body text that is not JSON: truncated, trailing commas, JavaScript literals, two documents. */
export const malformedJson: RequestMutation = (operation, request) => {
  if (request.body?.kind !== 'json') return undefined;
  const { text, contentType } = bodyPayload(request.body);
  const broken = fc.oneof(
    fc.nat(Math.max(0, text.length - 1)).map((at) => text.slice(0, at)),
    fc.constantFrom(
      `${text},`,
      `${text}${text}`,
      `${text.slice(0, -1)},}`,
      "{'a': 1}",
      '{"a": NaN}',
      '{"a": undefined}',
      '\u0000',
      '\uFEFF{}',
      '[',
      '"',
    ),
  );
  return broken.map((raw) =>
    mutate(request, `malformed JSON ${JSON.stringify(raw.slice(0, 40))}`, !parsesToValid(raw, operation.body!.schema), (copy) => {
      copy.body = { kind: 'raw', text: raw, contentType };
    }),
  );
};

/** The JSON body sent under another media type. */
export const wrongContentType: RequestMutation = (operation, request) => {
  if (request.body?.kind !== 'json') return undefined;
  const { text } = bodyPayload(request.body);
  return fc.constantFrom(...OTHER_CONTENT_TYPES).map(({ type, certain }) =>
    mutate(request, `content type ${type}`, certain, (copy) => {
      copy.body = { kind: 'raw', text, contentType: type };
    }),
  );
};

/** A `Content-Encoding` the body does not actually have. */
export const falseContentEncoding: RequestMutation = (_operation, request) => {
  if (request.body === undefined) return undefined;
  return fc.constantFrom(...CONTENT_ENCODINGS).map(({ coding, certain }) =>
    mutate(request, `content-encoding ${coding} on a plain body`, certain, (copy) => {
      copy.headers['content-encoding'] = coding;
    }),
  );
};

/** RFC 8259 lets a parser ignore a leading byte order mark, so one alone does not make a body invalid. */
function parsesToValid(text: string, schema: JsonSchema): boolean {
  try {
    return satisfies(schema, JSON.parse(text.replace(/^\uFEFF/, '')));
  } catch {
    return false;
  }
}
