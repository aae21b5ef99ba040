import { and, type Filter } from '../data/simple-table/filter.js';
import { MAX_LIMIT, type SimpleTable } from '../data/simple-table/simple-table.js';
import { UniqueViolationError } from '../data/simple-table/table-errors.js';
import { customerFilters, type CustomerRecord, type CustomersTable, type NewCustomerRecord } from '../data/tables/customers-table.js';
import { ConflictError, NotFoundError } from '../errors/app-error.js';
import { decodeCustomerCursor, encodeCustomerCursor } from './customer-cursor.js';

/** Which customers to list. */
export interface CustomerQuery {
  region?: string;
  limit?: number;
  cursor?: string;
}

/** One page of customers and, when more exist, the cursor of the next page. */
export interface CustomerPage {
  customers: CustomerRecord[];
  /** The most rows the page could hold. */
  limit: number;
  nextCursor: string | null;
}

/** A customer code that does not exist. */
export class CustomerNotFoundError extends NotFoundError {
  constructor(readonly customerCode: string) {
    super(`No customer with code '${customerCode}'`);
  }
}

/** A customer code that is already taken. */
export class CustomerExistsError extends ConflictError {
  constructor(
    readonly customerCode: string,
    cause: unknown,
  ) {
    super(`A customer with customer_code '${customerCode}' already exists`, { cause });
  }
}

/** Reads and writes customers through the customers SimpleTable. */
export class CustomersService {
  constructor(private readonly customers: SimpleTable<CustomersTable>) {}

  /**
   * Customers ordered by id. Paging is keyset based (`id > last seen id`), so rows inserted
   * while a client walks the pages never shift or repeat what it has already seen.
   */
  async list({ region, limit = 50, cursor }: CustomerQuery): Promise<CustomerPage> {
    const conditions: Filter<CustomersTable>[] = [];
    if (region !== undefined) conditions.push(customerFilters.region.eq(region));
    const after = cursor === undefined ? undefined : decodeCustomerCursor(cursor);
    const page = await this.pageAfter(conditions, after, limit);
    // Ask for one row past the page to learn whether another page exists.
    const hasMore =
      page.length > limit ||
      (page.length === limit && limit === MAX_LIMIT ? (await this.pageAfter(conditions, page[page.length - 1]!.id, 1)).length > 0 : false);
    const customers = page.slice(0, limit);
    return { customers, limit, nextCursor: hasMore ? encodeCustomerCursor(customers[customers.length - 1]!.id) : null };
  }

  private pageAfter(conditions: Filter<CustomersTable>[], afterId: number | undefined, limit: number) {
    const all = afterId === undefined ? conditions : [...conditions, customerFilters.id.gt(afterId)];
    return this.customers.executeFilter(all.length === 0 ? undefined : and(...all), {
      limit: Math.min(limit + 1, MAX_LIMIT),
      orderBy: [{ column: 'id' }],
    });
  }

  /** When the customers last changed (the table's last write), or null when they never were written. */
  lastChanged(): Promise<Date | null> {
    return this.customers.lastWrite();
  }

  /** The customer with `customerCode`, or CustomerNotFoundError. */
  async get(customerCode: string): Promise<CustomerRecord> {
    const [customer] = await this.customers.executeFilter(customerFilters.customer_code.eq(customerCode), { limit: 1 });
    if (!customer) throw new CustomerNotFoundError(customerCode);
    return customer;
  }

  /** Creates a customer; a taken code raises UniqueViolationError (a conflict). */
  async create(customer: NewCustomerRecord): Promise<CustomerRecord> {
    try {
      const [created] = await this.customers.insert(customer);
      return created!;
    } catch (error) {
      if (error instanceof UniqueViolationError) throw new CustomerExistsError(customer.customer_code, error);
      throw error;
    }
  }
}
