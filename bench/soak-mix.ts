import type autocannon from 'autocannon';

import { DATASET } from './bench-config.js';

/** The four kinds of request the soak mixes; each variant's expected statuses follow from its kind. */
export type RequestKind = 'read' | 'write' | 'invalid' | 'unauthenticated';

/** One kind of request in the mix, with the statuses that count as a correct answer to it. */
export interface SoakVariant {
  name: string;
  kind: RequestKind;
  /** Slots out of the 100 of one cycle. */
  weight: number;
  expected: readonly number[];
  /** The `seq`-th request of this variant (0, 1, 2, ... across all connections). */
  build(seq: number): autocannon.RequestParams;
}

/** The bearer tokens the mix sends. */
export interface SoakTokens {
  /** Valid, with customers:read customers:write timeseries:read. */
  caller: string;
  /** Signed with the service's secret but expired an hour ago. */
  expired: string;
  /** Valid in form, signed with a secret the service does not know. */
  foreignSigned: string;
}

/** The prefix of every customer code the soak creates (unique per run). */
export function writePrefix(runId: string): string {
  return `SOAK${runId}-`;
}

/** The prefix of the codes unauthenticated POSTs try to create (none may exist afterwards). */
export function rejectedWritePrefix(runId: string): string {
  return `NOAUTH${runId}-`;
}

/**
 * The mix: 70% reads (a few of them lookups that must answer 404), 10% writes (unique creates,
 * one in ten a duplicate that must answer 409), 10% invalid requests (bad parameters and bad
 * bodies, 400), 10% without valid credentials (none, malformed, foreign signature, expired: 401).
 * The random-number ranges fall in last calendar year, which the bench dataset covers.
 */
export function soakVariants(tokens: SoakTokens, runId: string, today = new Date()): SoakVariant[] {
  const year = today.getUTCFullYear() - 1;
  const auth = { Authorization: `Bearer ${tokens.caller}` };
  const json = { ...auth, 'Content-Type': 'application/json' };
  const regions = DATASET.regions;
  const get = (path: string, headers: Record<string, string> = auth) => ({ method: 'GET' as const, path, headers });
  const post = (body: string, headers: Record<string, string> = json) => ({ method: 'POST' as const, path: '/customers', headers, body });
  const month = (seq: number) => String((seq % 12) + 1).padStart(2, '0');
  const ranges = [
    (seq: number) => `start_date=${year}-${month(seq)}-01&end_date=${year}-${month(seq)}-28`,
    (seq: number) => `start_date=${year}-${month(seq * 3)}-01&end_date=${year}-${String(((seq * 3) % 12) + 3).padStart(2, '0')}-28`,
    () => `start_date=${year}-01-01&end_date=${year}-12-31`,
  ];
  const range = (seq: number) => ranges[seq % ranges.length]!(seq);
  const existingCode = (seq: number) => `BENCH${String(((seq * 7919) % DATASET.customers) + 1).padStart(5, '0')}`;

  const read = (name: string, weight: number, build: SoakVariant['build'], expected = [200]): SoakVariant => ({
    name,
    kind: 'read',
    weight,
    expected,
    build,
  });
  const invalid = (name: string, build: SoakVariant['build']): SoakVariant => ({
    name,
    kind: 'invalid',
    weight: 1,
    expected: [400],
    build,
  });
  const unauthenticated = (name: string, weight: number, build: SoakVariant['build']): SoakVariant => ({
    name,
    kind: 'unauthenticated',
    weight,
    expected: [401],
    build,
  });
  return [
    read('GET /customers?region&limit', 14, (seq) =>
      get(`/customers?region=${regions[seq % regions.length]}&limit=${[10, 50, 200][seq % 3]}`),
    ),
    read('GET /customers/{code}', 14, (seq) => get(`/customers/${existingCode(seq)}`)),
    read('GET /customers/{unknown code}', 4, (seq) => get(`/customers/MISSING-${seq}`), [404]),
    read('GET /random-numbers (1-12 months)', 12, (seq) => get(`/random-numbers?${range(seq)}`)),
    read('GET /widgets/customers', 10, (seq) => get(`/widgets/customers?region=${regions[seq % regions.length]}&limit=50`)),
    read('GET /widgets/random-numbers', 4, (seq) => get(`/widgets/random-numbers?${range(seq)}`)),
    read('GET /me', 6, () => get('/me')),
    read('GET /health', 6, () => get('/health')),

    {
      name: 'POST /customers (new code)',
      kind: 'write',
      weight: 9,
      expected: [201],
      build: (seq) =>
        post(
          JSON.stringify({
            customer_code: `${writePrefix(runId)}${seq}`,
            name: `Soak customer ${seq}`,
            region: regions[seq % regions.length],
          }),
        ),
    },
    {
      name: 'POST /customers (existing code)',
      kind: 'write',
      weight: 1,
      expected: [409],
      build: () => post(JSON.stringify({ customer_code: existingCode(0), name: 'Duplicate', region: 'US' })),
    },

    invalid('GET /widgets/customers?limit=0', () => get('/widgets/customers?limit=0')),
    invalid('GET /customers?limit=many', () => get('/customers?region=US&limit=many')),
    invalid('GET /customers?colour=red (unknown parameter)', () => get('/customers?region=US&colour=red')),
    invalid('GET /customers/{lower-case code}', () => get('/customers/lowercase')),
    invalid('GET /random-numbers?start_date=yesterday', () => get(`/random-numbers?start_date=yesterday&end_date=${year}-01-31`)),
    invalid('GET /random-numbers (no end_date)', () => get(`/random-numbers?start_date=${year}-01-01`)),
    invalid('GET /random-numbers (start after end)', () => get(`/random-numbers?start_date=${year}-03-01&end_date=${year}-02-01`)),
    invalid('POST /customers (missing fields)', () => post('{"customer_code":"HALF"}')),
    invalid('POST /customers (wrong type, extra field)', () => post('{"customer_code":"TYPO","name":"Typo","region":7,"vip":true}')),
    invalid('POST /customers (malformed JSON)', () => post('{"customer_code": "BROKEN')),

    unauthenticated('GET /customers (no token)', 3, () => get('/customers?region=US&limit=50', {})),
    unauthenticated('GET /me (malformed token)', 2, () => get('/me', { Authorization: 'Bearer not-a-jwt' })),
    unauthenticated('GET /random-numbers (foreign signature)', 2, (seq) =>
      get(`/random-numbers?${range(seq)}`, { Authorization: `Bearer ${tokens.foreignSigned}` }),
    ),
    unauthenticated('GET /widgets/customers (expired token)', 2, () =>
      get('/widgets/customers?region=EU&limit=50', { Authorization: `Bearer ${tokens.expired}` }),
    ),
    unauthenticated('POST /customers (no token)', 1, (seq) =>
      post(JSON.stringify({ customer_code: `${rejectedWritePrefix(runId)}${seq}`, name: 'Nobody', region: 'US' }), {
        'Content-Type': 'application/json',
      }),
    ),
  ];
}

/**
 * One cycle of the mix as variant indices, each variant's slots spread evenly over the cycle
 * (slot k of a variant with weight w sits at (k + 0.5) / w), so every stretch of traffic has
 * roughly the whole mix in it.
 */
export function requestCycle(variants: readonly SoakVariant[]): number[] {
  const slots = variants.flatMap((variant, index) =>
    Array.from({ length: variant.weight }, (_, k) => ({ index, at: (k + 0.5) / variant.weight })),
  );
  return slots.sort((a, b) => a.at - b.at || a.index - b.index).map((slot) => slot.index);
}

/** Share of the cycle per kind, e.g. `{ read: 0.7, ... }`. */
export function mixShares(variants: readonly SoakVariant[]): Record<RequestKind, number> {
  const total = variants.reduce((n, v) => n + v.weight, 0);
  const shares: Record<RequestKind, number> = { read: 0, write: 0, invalid: 0, unauthenticated: 0 };
  for (const variant of variants) shares[variant.kind] += variant.weight / total;
  return shares;
}
