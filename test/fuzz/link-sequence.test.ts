import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { HandlerMap } from '../../src/contract/operation-types.js';
import { contract } from '../support/test-app.js';
import { type CredentialSet, mintCredentials } from './credentials.js';
import { type FuzzApp, openFuzzApp } from './fuzz-app.js';
import { type FuzzRequest, withSummary } from './fuzz-request.js';
import { followLink, type SequenceContext } from './link-sequence.js';
import { type FuzzLink, specLinks } from './spec-links.js';
import { specOperations } from './spec-operations.js';

// The stateful phase's own checks, against apps made to break what it looks for.
const operations = specOperations(contract.document);
const links = specLinks(contract.document, operations);
const createLink = links.find((link) => link.from.operationId === 'createCustomer')!;

const newCustomer = { customer_code: 'LINKED', name: 'Linked Ltd', region: 'EU' };
const createRequest: FuzzRequest = withSummary({
  operationId: 'createCustomer',
  method: 'POST',
  pathTemplate: '/customers',
  pathParams: {},
  query: [],
  headers: {},
  body: { kind: 'json', value: newCustomer, contentType: 'application/json' },
  mutation: undefined,
  mustReject: false,
});

describe('the stateful fuzz phase (issue 17 item 18)', () => {
  let credentials: CredentialSet;
  let app: FuzzApp | undefined;
  beforeAll(async () => {
    credentials = await mintCredentials(operations);
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function follow(link: FuzzLink, overrideHandlers?: (handlers: HandlerMap) => HandlerMap): Promise<boolean> {
    app = await openFuzzApp(overrideHandlers ? { overrideHandlers } : {});
    const context: SequenceContext = { server: app.server, credentials, links, record: () => undefined };
    return followLink(context, link, createRequest, credentials.invalid[0]!);
  }

  it('when the app keeps its word, a create is followed to the end', async () => {
    await expect(follow(createLink)).resolves.toBe(true);
  });

  it('when a read answers something other than what was created, the sequence fails naming the difference', async () => {
    const stale = (handlers: HandlerMap): HandlerMap => ({
      ...handlers,
      getCustomer: async (input, context) => {
        const result = await handlers.getCustomer(input, context);
        return result.status === 200 ? { ...result, body: { ...result.body, name: 'Stale Name' } } : result;
      },
    });
    await expect(follow(createLink, stale)).rejects.toThrow(/is not what the link came from/);
  });

  it('when the listing leaves out what was created, the sequence fails saying so', async () => {
    const hiding = (handlers: HandlerMap): HandlerMap => ({
      ...handlers,
      listCustomers: async (input, context) => {
        const result = await handlers.listCustomers(input, context);
        return result.status === 200
          ? { ...result, body: result.body.filter((c) => c.customer_code !== newCustomer.customer_code) }
          : result;
      },
    });
    await expect(follow(createLink, hiding)).rejects.toThrow(/created, but not in \d+ page\(s\) of listCustomers/);
  });
});
