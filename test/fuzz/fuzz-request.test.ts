import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { anyCodePoint } from '../../src/json-schema/string-arbitrary.js';
import { encodeComponent, type FuzzRequest, requestUrl } from './fuzz-request.js';

describe('encodeComponent', () => {
  it('encodes well-formed text exactly like encodeURIComponent', () => {
    fc.assert(fc.property(fc.string({ unit: anyCodePoint() }), (text) => encodeComponent(text) === encodeURIComponent(text)));
  });

  it('writes a lone surrogate as its three UTF-8-style bytes instead of throwing', () => {
    expect(encodeComponent('a\uD800b')).toBe('a%ED%A0%80b');
  });
});

describe('requestUrl', () => {
  it('fills the path template and keeps repeated query names in order', () => {
    const request: FuzzRequest = {
      operationId: 'getCustomer',
      method: 'GET',
      pathTemplate: '/customers/{customer_code}',
      pathParams: { customer_code: 'A/B C' },
      query: [
        ['region', 'US'],
        ['region', 'É U'],
      ],
      headers: {},
      body: undefined,
      mutation: undefined,
      mustReject: false,
    };
    expect(requestUrl(request)).toBe('/customers/A%2FB%20C?region=US&region=%C3%89%20U');
  });
});
