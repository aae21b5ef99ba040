import type { Request } from 'express';

import type { components } from '../../generated/openapi.js';
import type { CompiledContract, CompiledOperation } from '../contract/compiled-contract.js';
import { linkHeader } from '../contract/link-header.js';
import { resolveLocalRefs } from '../contract/local-ref-resolver.js';
import type { ValidatedInput } from '../contract/request-validation.js';
import type { OutgoingResponse } from '../contract/response-check.js';
import type { JsonSchema } from '../json-schema/json-schema.js';
import type { OperationResponder } from '../request-pipeline.js';
import type { CustomerCollection } from './customer-collection.js';
import type { DynamicBodies } from './dynamic-body.js';
import { locationFromLinks } from './location-header.js';
import { parsePrefer, preferProblem } from './prefer-header.js';

/** What the mock answers from. */
export interface MockResponderOptions {
  contract: CompiledContract;
  customers: CustomerCollection;
  /** MOCK_STATEFUL=1: a POST /customers is stored, and seen by the GETs that follow. */
  stateful: boolean;
  dynamic: DynamicBodies;
}

interface DocumentedResponse {
  headers?: Record<string, unknown>;
  content?: Record<string, { schema?: JsonSchema }>;
  links?: Record<string, { operationId?: string; parameters?: Record<string, unknown> }>;
}

/**
 * Answers an operation, in this order:
 * 1. `Prefer: code=`, `example=` or `dynamic=true`: the documented status asked for (else the
 *    success), with the named example or with data generated from its schema;
 * 2. the customer operations, from the customer collection (the example list, and what was
 *    created when stateful): region filter, paging with a real `Link`, 404 and 409;
 * 3. otherwise the success response's first example.
 * Headers come from the documented examples, except `Location` (the created resource's path,
 * from the response's OpenAPI link) and `Link` (only to a page that exists); a problem body names
 * this request in `instance` and `request_id`, as the server's do.
 */
export function mockResponder(options: MockResponderOptions): OperationResponder {
  const { contract, customers, stateful, dynamic } = options;
  const examples = contract.responseExamples();
  // Resolved once per response: the generator caches its arbitraries by schema object.
  const resolved = new Map<string, DocumentedResponse>();
  const documentedResponse = (operation: CompiledOperation, status: string): DocumentedResponse => {
    const key = `${operation.operationId} ${status}`;
    let response = resolved.get(key);
    if (!response) {
      const paths = contract.document.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
      response = resolveLocalRefs(contract.document, paths[operation.path]![operation.method]!.responses[status]) as DocumentedResponse;
      resolved.set(key, response);
    }
    return response;
  };

  /** A response that documents `Location` gets the path its link to the created resource names in the body. */
  const withLocation = (answer: OutgoingResponse, response: DocumentedResponse): OutgoingResponse => {
    if (!response.headers || !('Location' in response.headers)) return answer;
    const location = locationFromLinks(contract.document, response.links, answer.body);
    return { ...answer, headers: { ...answer.headers, ...(location ? { Location: location } : {}) } };
  };

  return (operation, input, req) => {
    const prefer = parsePrefer(req.get('prefer'));
    const statuses = Object.keys(operation.responses);
    if (prefer.code !== undefined && !statuses.includes(prefer.code)) {
      throw preferProblem(
        `Prefer: code=${prefer.code} is not a documented response of ${operation.operationId} (it documents ${statuses.join(', ')})`,
      );
    }
    if (prefer.code === undefined && prefer.example === undefined && !prefer.dynamic) {
      const answered = customerAnswer(operation.operationId, input, req, customers, stateful);
      if (answered) return withLocation(answered, documentedResponse(operation, String(answered.status)));
    }

    const status = prefer.code ?? successStatus(statuses);
    const documented = examples[operation.operationId]?.[status];
    const response = documentedResponse(operation, status);
    let body: unknown;
    if (prefer.dynamic) {
      const schema = Object.values(response.content ?? {})[0]?.schema;
      body = schema
        ? dynamic.generate(schema, `${operation.operationId}\n${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`)
        : undefined;
    } else if (prefer.example !== undefined) {
      const named = documented?.named ?? {};
      if (!Object.hasOwn(named, prefer.example)) {
        throw preferProblem(
          `Prefer: example=${prefer.example} is not an example of the ${status} response of ${operation.operationId} (its examples: ${Object.keys(named).join(', ') || 'none'})`,
        );
      }
      body = named[prefer.example];
    } else {
      body = documented?.example;
    }
    if (Number(status) >= 400 && typeof body === 'object' && body !== null)
      body = { ...body, instance: `urn:request-id:${req.id}`, request_id: req.id };
    const headers = { ...documented?.headers };
    delete headers.Link;
    return withLocation({ status: Number(status), body, headers }, response);
  };
}

/** The success status openapi-backend's mock picked: the first of 200-203 documented, else the first documented. */
function successStatus(statuses: readonly string[]): string {
  return ['200', '201', '202', '203'].find((status) => statuses.includes(status)) ?? statuses[0]!;
}

type NewCustomer = components['schemas']['NewCustomer'];

/** The customer operations, answered from the collection; undefined for any other operation (or a create when not stateful). */
function customerAnswer(
  operationId: string,
  input: ValidatedInput,
  req: Request,
  customers: CustomerCollection,
  stateful: boolean,
): OutgoingResponse | undefined {
  switch (operationId) {
    case 'listCustomers': {
      const query = input.query as { region?: string; limit?: number; cursor?: string };
      const page = customers.list(query);
      if (page.nextCursor === null) return { status: 200, body: page.customers };
      return { status: 200, body: page.customers, headers: { Link: linkHeader(req.path, { ...query, cursor: page.nextCursor }, 'next') } };
    }
    case 'getCustomer':
      return { status: 200, body: customers.get(String(input.params.customer_code)) };
    case 'createCustomer':
      return stateful ? { status: 201, body: customers.create(input.body as NewCustomer), headers: {} } : undefined;
    default:
      return undefined;
  }
}
