import type { components } from '../../../generated/openapi.js';

/** A customer as the contract answers it. */
export type Customer = components['schemas']['Customer'];
/** The body of POST /customers. */
export type NewCustomer = components['schemas']['NewCustomer'];

/** An HTTP answer with its body parsed when it is JSON (the raw text otherwise). */
export interface Answer {
  status: number;
  contentType: string;
  location: string | null;
  body: unknown;
}

const REQUEST_TIMEOUT_MS = 5_000;

/** The customers operations of a running server, called over real connections as one caller. */
export function customersHttp(baseUrl: string, token: string) {
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  // A timeout on every call: a request that never ends must fail the test, not hang it.
  const call = async (path: string, init: RequestInit = {}): Promise<Answer> => {
    const res = await fetch(`${baseUrl}${path}`, { ...init, headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await res.text();
    const contentType = res.headers.get('content-type') ?? '';
    return {
      status: res.status,
      contentType,
      location: res.headers.get('location'),
      body: /json/.test(contentType) ? JSON.parse(text) : text,
    };
  };
  return {
    /** POST /customers; rejects when no answer comes back (connection refused, reset or timed out). */
    create: (customer: NewCustomer) => call('/customers', { method: 'POST', body: JSON.stringify(customer) }),
    /** GET /customers/{customer_code}. */
    get: (code: string) => call(`/customers/${encodeURIComponent(code)}`),
    /** Every customer, following the `Link: rel="next"` pages of GET /customers. */
    async listAll(): Promise<Customer[]> {
      const all: Customer[] = [];
      let next: string | undefined = '/customers?limit=500';
      while (next) {
        const res = await fetch(`${baseUrl}${next}`, { headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
        if (res.status !== 200) throw new Error(`GET ${next} answered ${res.status}: ${await res.text()}`);
        all.push(...((await res.json()) as Customer[]));
        next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
      }
      return all;
    },
  };
}
