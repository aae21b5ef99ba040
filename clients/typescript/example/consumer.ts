import { createClient, paginate, ProblemError, unwrap } from '@tutorial-api/client';

const api = createClient({
  baseUrl: process.env.API_URL ?? 'http://127.0.0.1:8000',
  token: process.env.TOKEN,
  retry: true, // GETs answered 429 or 503 are sent again after their Retry-After
});

// Every EU customer, two per page: paginate follows the Link: rel="next" headers.
const euCodes: string[] = [];
for await (const customer of paginate(api, '/customers', { params: { query: { region: 'EU', limit: 2 } } })) {
  euCodes.push(customer.customer_code);
}

// The body is checked against the contract's NewCustomer schema when this compiles.
const created = unwrap(await api.POST('/customers', { body: { customer_code: 'SDK_DEMO', name: 'SDK Demo Ltd', region: 'EU' } }));

// Documented errors arrive as a ProblemError holding the RFC 9457 problem document.
let missing = 'found';
try {
  unwrap(await api.GET('/customers/{customer_code}', { params: { path: { customer_code: 'NO_SUCH_CODE' } } }));
} catch (error) {
  if (!(error instanceof ProblemError)) throw error;
  missing = `${error.status} ${error.problem.title}`;
}

console.log(JSON.stringify({ euCodes, created, missing }));
