// Calls through the @hey-api/openapi-ts client, checked by tsc: the generated types are the
// contract's (a misspelt parameter or an unknown body field does not compile), not `any`.
import { createCustomer, getCustomer, listCustomers, type Customer } from '../out/hey-api/index';

export async function heyApiCalls(): Promise<Customer[]> {
  const { data } = await listCustomers({ query: { region: 'US', limit: 10 } });
  await createCustomer({ body: { customer_code: 'DELTA', name: 'Delta Holdings', region: 'EU' } });
  await getCustomer({ path: { customer_code: 'ACME' } });
  // @ts-expect-error a misspelt query parameter
  await listCustomers({ query: { regoin: 'US' } });
  // @ts-expect-error a body field the NewCustomer schema does not define
  await createCustomer({ body: { customer_code: 'DELTA', name: 'Delta Holdings', region: 'EU', vip: true } });
  return data ?? [];
}
