import type { components } from '../../generated/openapi.js';
import { ConflictError, NotFoundError } from '../errors/app-error.js';
import { decodeCustomerCursor, encodeCustomerCursor } from '../services/customer-cursor.js';

type Customer = components['schemas']['Customer'];
type NewCustomer = components['schemas']['NewCustomer'];

/** One page of customers and the cursor of the next one (null on the last page). */
export interface MockCustomerPage {
  customers: Customer[];
  nextCursor: string | null;
}

/**
 * The mock's customers: the contract's example list, and with MOCK_STATEFUL=1 the customers
 * created since start-up, in memory. Read as the contract says the server reads them: ordered
 * by id, filtered by region, paged by `limit` with the server's own opaque cursor; an unknown
 * code is a 404 and a taken one a 409, with the server's problem types.
 */
export class CustomerCollection {
  readonly #rows: Customer[];

  constructor(examples: readonly Customer[]) {
    this.#rows = [...examples].sort((a, b) => a.id - b.id);
  }

  list(query: { region?: string | undefined; limit?: number | undefined; cursor?: string | undefined }): MockCustomerPage {
    const limit = query.limit ?? 50;
    const after = query.cursor === undefined ? 0 : decodeCustomerCursor(query.cursor);
    const matching = this.#rows.filter((row) => row.id > after && (query.region === undefined || row.region === query.region));
    const customers = matching.slice(0, limit);
    const nextCursor = matching.length > limit ? encodeCustomerCursor(customers[customers.length - 1]!.id) : null;
    return { customers, nextCursor };
  }

  get(code: string): Customer {
    const customer = this.#rows.find((row) => row.customer_code === code);
    if (!customer) throw new NotFoundError(`No customer with code '${code}'`);
    return customer;
  }

  /** Adds a customer with the next id (MOCK_STATEFUL=1 only). */
  create(customer: NewCustomer): Customer {
    if (this.#rows.some((row) => row.customer_code === customer.customer_code)) {
      throw new ConflictError(`A customer with customer_code '${customer.customer_code}' already exists`);
    }
    const created = { id: (this.#rows[this.#rows.length - 1]?.id ?? 0) + 1, ...customer };
    this.#rows.push(created);
    return created;
  }
}
