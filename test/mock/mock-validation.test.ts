// Issue 18 item 4: the mock answers a mix of requests (every documented status, every named
// example, generated data, the customer collection, refusals) and every answer, headers
// included, goes through the server's own response check (the compiled contract's validators):
// 0 violations, or the test fails listing them.
import type { Server } from 'node:http';

import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';

import type { CompiledOperation } from '../../src/contract/compiled-contract.js';
import { resolveLocalRefs } from '../../src/contract/local-ref-resolver.js';
import { checkResponse } from '../../src/contract/response-check.js';
import { ResponseDriftError } from '../../src/errors/response-drift-error.js';
import { buildMockTestApp, contract } from '../support/test-app.js';

type DocumentedOperation = {
  parameters?: { name: string; in: string; required?: boolean; example?: unknown; schema: { examples?: unknown[] } }[];
  requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> };
  security?: Record<string, string[]>[];
  responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, { examples?: Record<string, unknown> }> }>;
};
const resolved = resolveLocalRefs(contract.document, contract.document) as unknown as {
  paths: Record<string, Record<string, DocumentedOperation>>;
};
const documentedOf = (operation: CompiledOperation) => resolved.paths[operation.path]![operation.method]!;

/** One request of the mix: which operation it is for, and how to send it. */
interface Probe {
  operation: CompiledOperation;
  label: string;
  /** The status the mock must answer (a 500 of its own response check is a violation too). */
  status: number;
  send: (app: Server) => request.Test;
}

/** A request the contract accepts, from its parameters' and body's examples, with `prefer` and credentials. */
function documentedRequest(
  operation: CompiledOperation,
  prefer?: string,
  options: { token?: boolean; path?: string; query?: Record<string, string> } = {},
) {
  return (app: Server): request.Test => {
    const documented = documentedOf(operation);
    let path = operation.path;
    const query: Record<string, string> = {};
    for (const parameter of documented.parameters ?? []) {
      const value = parameter.example ?? parameter.schema.examples?.[0];
      if (parameter.in === 'path') path = path.replace(`{${parameter.name}}`, encodeURIComponent(String(value)));
      else if (parameter.in === 'query' && parameter.required) query[parameter.name] = String(value);
    }
    let call = request(app)
      [operation.method as 'get' | 'post'](options.path ?? path)
      .query(options.query ?? query);
    if (operation.security && options.token !== false) call = call.set('Authorization', 'Bearer any-token');
    if (prefer) call = call.set('Prefer', prefer);
    const body = Object.values(documented.requestBody?.content['application/json']?.examples ?? {})[0]?.value;
    return body === undefined ? call : call.send(body as object);
  };
}

function byId(operationId: string): CompiledOperation {
  return contract.operations.find((o) => o.operationId === operationId)!;
}

/** The request mix: per operation, as documented, each status, each named example, generated data, a refusal; then the customers' own cases. */
function requestMix(): Probe[] {
  const probes: Probe[] = [];
  for (const operation of contract.operations) {
    const add = (label: string, status: number, send: Probe['send']) => probes.push({ operation, label, status, send });
    const success = Number(Object.keys(operation.responses).find((status) => status.startsWith('2')));
    add('as documented', success, documentedRequest(operation));
    add('dynamic', success, documentedRequest(operation, 'dynamic=true'));
    add('unknown example', 400, documentedRequest(operation, 'example=no-such-example'));
    add('undocumented parameter', 400, documentedRequest(operation, undefined, { query: { no_such_parameter: '1' } }));
    if (operation.security) add('no token', 401, documentedRequest(operation, undefined, { token: false }));
    for (const [status, response] of Object.entries(documentedOf(operation).responses)) {
      add(`code=${status}`, Number(status), documentedRequest(operation, `code=${status}`));
      add(`code=${status}, dynamic`, Number(status), documentedRequest(operation, `code=${status}, dynamic=true`));
      const media = Object.values(response.content ?? {})[0];
      for (const name of Object.keys(media?.examples ?? {})) {
        add(`code=${status}, example=${name}`, Number(status), documentedRequest(operation, `code=${status}, example=${name}`));
      }
    }
  }
  const list = byId('listCustomers');
  const queries: Record<string, string>[] = [
    { region: 'US' },
    { region: 'EU' },
    { limit: '1' },
    { region: 'US', limit: '1' },
    { cursor: 'eyJhZnRlciI6MX0', limit: '1' },
  ];
  for (const query of queries) {
    probes.push({
      operation: list,
      label: `list ${JSON.stringify(query)}`,
      status: 200,
      send: documentedRequest(list, undefined, { query }),
    });
  }
  const get = byId('getCustomer');
  for (const [code, status] of [
    ['GAMMA', 200],
    ['NOPE', 404],
  ] as const) {
    probes.push({ operation: get, label: `get ${code}`, status, send: documentedRequest(get, undefined, { path: `/customers/${code}` }) });
  }
  return probes;
}

/** Why an answer breaks its operation's contract, as the server's response check says (empty when it does not). */
function violations(operation: CompiledOperation, res: request.Response): string[] {
  const found: string[] = [];
  const documented = operation.responses[res.status];
  if (!documented) return [`status ${res.status} is not documented`];
  const mediaType = String(res.headers['content-type'] ?? '').split(';')[0];
  if (documented.contentType !== undefined && mediaType !== documented.contentType)
    found.push(`media type ${mediaType}, documented ${documented.contentType}`);
  // The check reads headers by the names the contract gives them; HTTP names are case-insensitive.
  const names = Object.keys(documentedOf(operation).responses[String(res.status)]?.headers ?? {});
  const headers = Object.fromEntries(
    names.flatMap((name) => (res.headers[name.toLowerCase()] === undefined ? [] : [[name, res.headers[name.toLowerCase()]]])),
  );
  const body = documented.json ? JSON.parse(res.text) : (res.text ?? Buffer.from(res.body as Buffer).toString('utf8'));
  try {
    checkResponse(operation, { status: res.status, body, headers });
  } catch (error) {
    if (!(error instanceof ResponseDriftError)) throw error;
    found.push(...error.violations);
  }
  return found;
}

async function validateMix(app: Server, probes: Probe[], sendFirst: (app: Server) => Promise<unknown> = async () => undefined) {
  await sendFirst(app);
  const failures: string[] = [];
  for (const probe of probes) {
    const res = await probe.send(app);
    if (res.status !== probe.status)
      failures.push(
        `${probe.operation.operationId} ${probe.label} -> ${res.status}: expected ${probe.status} (${(res.text ?? '').slice(0, 200)})`,
      );
    for (const violation of violations(probe.operation, res))
      failures.push(`${probe.operation.operationId} ${probe.label} -> ${res.status}: ${violation}`);
  }
  return failures;
}

describe("the mock, validated by the server's response checks", () => {
  const probes = requestMix();
  let stateless: Server;
  let stateful: Server;
  beforeAll(() => {
    stateless = buildMockTestApp({ seed: 7 });
    stateful = buildMockTestApp({ seed: 7, stateful: true });
  });

  it('when every request of the mix is answered, every answer (status, media type, body, headers) passes: 0 violations', async () => {
    const failures = [
      ...(await validateMix(stateless, probes)),
      // Stateful: a few customers created first, so lists page and a second create conflicts.
      ...(await validateMix(stateful, probes, async (app) => {
        for (const code of ['ZETA', 'ETA', 'THETA']) {
          await request(app)
            .post('/customers')
            .set('Authorization', 'Bearer t')
            .send({ customer_code: code, name: code, region: 'US' })
            .expect(201);
        }
      })),
    ];
    const operations = new Set(probes.map((p) => p.operation.operationId)).size;
    console.log(`mock validated: ${probes.length * 2} answers over ${operations} operations, ${failures.length} violations`);
    expect(failures).toEqual([]);
    expect(operations).toBe(contract.operations.length);
  });
});
