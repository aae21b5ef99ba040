import { columns } from '../../src/data/query/column.js';
import { defineTable } from '../../src/data/simple-table/table-declaration.js';

/** A test table with every column kind, so each filter operator meets each type it applies to. */
export const instruments = defineTable('test_instruments', {
  id: columns.integer({ primaryKey: true, generated: true, filterable: true, orderable: true }),
  symbol: columns.text({ unique: true, filterable: true, orderable: true }),
  price: columns.real({ filterable: true, orderable: true, nullable: true }),
  active: columns.boolean({ filterable: true }),
  listed_at: columns.timestamp({ filterable: true, orderable: true, nullable: true }),
  notes: columns.text({ nullable: true }),
});

export type Instruments = typeof instruments;
