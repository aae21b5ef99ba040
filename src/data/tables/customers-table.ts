import { columns } from '../query/column.js';
import { filterBuilder } from '../simple-table/filter-builder.js';
import { defineTable, type InsertOf, type RecordOf } from '../simple-table/table-declaration.js';

/** The customers table: this declaration is its only schema. */
export const customersTable = defineTable('customers', {
  id: columns.integer({ primaryKey: true, generated: true, filterable: true, orderable: true }),
  customer_code: columns.text({ unique: true, filterable: true, orderable: true, maxLength: 32 }),
  name: columns.text({ filterable: true, orderable: true, maxLength: 200 }),
  region: columns.text({ indexed: true, filterable: true, orderable: true, maxLength: 32 }),
});

export type CustomersTable = typeof customersTable;
export type CustomerRecord = RecordOf<CustomersTable>;
export type NewCustomerRecord = InsertOf<CustomersTable>;

/** `customerFilters.region.eq('US')` and friends. */
export const customerFilters = filterBuilder(customersTable);
