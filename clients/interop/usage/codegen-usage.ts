// Calls through the openapi-typescript-codegen client, checked by tsc. `RegionFilter` is the
// query parameter's own model: before it was renamed, the component shared the `Region`
// schema's name and the generator wrote `type Region = Region` (TS2456).
import { CustomersService, type Customer, type Region, type RegionFilter } from '../out/codegen/index';

export async function codegenCalls(): Promise<Customer[]> {
  const region: RegionFilter = 'US';
  const home: Region = 'EU';
  await CustomersService.createCustomer({ customer_code: 'DELTA', name: 'Delta Holdings', region: home });
  await CustomersService.getCustomer('ACME');
  // @ts-expect-error a number where the contract says string
  await CustomersService.getCustomer(5);
  // @ts-expect-error a required field (region) missing
  await CustomersService.createCustomer({ customer_code: 'DELTA', name: 'Delta Holdings' });
  return CustomersService.listCustomers(region, 10);
}
