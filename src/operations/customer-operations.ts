import { linkHeader } from '../contract/link-header.js';
import type { HandlerMap } from '../contract/operation-types.js';
import type { Services } from './services.js';

type CustomerOperations = Pick<HandlerMap, 'listCustomers' | 'getCustomer' | 'createCustomer'>;

/** The customers resource. */
export function customerOperations({ customers }: Services): CustomerOperations {
  return {
    listCustomers: async ({ query }, { path }) => {
      const page = await customers.list(query);
      if (page.nextCursor === null) return { status: 200, body: page.customers };
      const next = linkHeader(path, { ...query, cursor: page.nextCursor }, 'next');
      return { status: 200, body: page.customers, headers: { Link: next } };
    },
    getCustomer: async ({ params }) => ({ status: 200, body: await customers.get(params.customer_code) }),
    createCustomer: async ({ body }) => {
      const created = await customers.create(body);
      return { status: 201, body: created, headers: { Location: `/customers/${encodeURIComponent(created.customer_code)}` } };
    },
  };
}
