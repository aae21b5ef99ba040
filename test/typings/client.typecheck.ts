// Type-level tests of the client SDK, checked by `tsc --noEmit` (tsconfig includes test/):
// each `@ts-expect-error` line must be a type error, or tsc fails with "unused directive".
import { createClient, type Problem, type Schemas, unwrap } from '../../clients/typescript/src/index.js';

const api = createClient({ baseUrl: 'http://127.0.0.1:8000', token: 'token' });

export async function wellTypedCalls(): Promise<void> {
  const customers: Schemas['Customer'][] = unwrap(await api.GET('/customers', { params: { query: { region: 'US', limit: 10 } } }));
  const one = await api.GET('/customers/{customer_code}', { params: { path: { customer_code: 'ACME' } } });
  if (one.error) {
    const problem: Problem = one.error;
    void problem.errors;
  } else {
    const code: string = one.data.customer_code;
    void code;
  }
  void customers;
}

export async function wrongCalls(): Promise<void> {
  // @ts-expect-error a misspelt query parameter name
  await api.GET('/customers', { params: { query: { regoin: 'US' } } });
  // @ts-expect-error a string where the contract says integer
  await api.GET('/customers', { params: { query: { limit: '10' } } });
  // @ts-expect-error a required query parameter missing (end_date)
  await api.GET('/random-numbers', { params: { query: { start_date: '2026-03-01' } } });
  // @ts-expect-error a path the contract does not define
  await api.GET('/customer');
  // @ts-expect-error a misspelt path parameter
  await api.GET('/customers/{customer_code}', { params: { path: { code: 'ACME' } } });
  // @ts-expect-error a required body field missing (region)
  await api.POST('/customers', { body: { customer_code: 'X', name: 'X' } });
  // @ts-expect-error a number where the contract says string
  await api.POST('/customers', { body: { customer_code: 'X', name: 'X', region: 5 } });
  const result = await api.GET('/customers/{customer_code}', { params: { path: { customer_code: 'ACME' } } });
  // @ts-expect-error data may be undefined until the error case is ruled out
  void result.data.name;
  if (result.data) {
    // @ts-expect-error a field the Customer schema does not define
    void result.data.email;
  }
}
