// The request an operation's code samples send, filled in from the contract's examples.

import { resolveLocalRefs } from '../../src/contract/local-ref-resolver.js';

type Node = Record<string, any>;

/** A request built from the contract's examples. */
export interface ExampleRequest {
  /** The path with its parameters filled in. */
  url: string;
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body?: unknown;
}

/** The operation's required parameters and JSON body, from their examples; fails, naming the operation, when one has none. */
export function exampleRequest(document: Node, path: string, operation: Node, pathItemParameters: Node[]): ExampleRequest {
  const request: ExampleRequest = { url: path, path: {}, query: {} };
  for (const raw of [...pathItemParameters, ...(operation.parameters ?? [])]) {
    const parameter = resolve(document, raw);
    // Optional parameters are left out: the docs list them, and a sample that always works stays minimal.
    if (!parameter.required || (parameter.in !== 'path' && parameter.in !== 'query')) continue;
    const value = parameterExample(document, parameter);
    if (value === undefined) throw new Error(`${operation.operationId}: required parameter ${parameter.name} has no example`);
    (parameter.in === 'path' ? request.path : request.query)[parameter.name] = value;
  }
  for (const [name, value] of Object.entries(request.path))
    request.url = request.url.replace(`{${name}}`, encodeURIComponent(String(value)));
  const body = operation.requestBody ? resolve(document, operation.requestBody) : undefined;
  if (body) {
    const media = body.content?.['application/json'] as Node | undefined;
    request.body = media?.example ?? firstExample(media?.examples) ?? resolve(document, media?.schema ?? {}).examples?.[0];
    if (request.body === undefined) throw new Error(`${operation.operationId}: the request body has no JSON example`);
  }
  return request;
}

function parameterExample(document: Node, parameter: Node): unknown {
  const schema = resolve(document, parameter.schema ?? {});
  return parameter.example ?? firstExample(parameter.examples) ?? schema.example ?? schema.examples?.[0] ?? schema.default;
}

function firstExample(examples: Node | undefined): unknown {
  const first = examples ? Object.values(examples)[0] : undefined;
  return first?.value;
}

/** Whether the operation's success answer is JSON (otherwise the SDK reads it as text). */
export function answersJson(document: Node, operation: Node): boolean {
  const success = Object.entries<Node>(operation.responses ?? {}).find(([status]) => status.startsWith('2'));
  const types = Object.keys(success ? (resolve(document, success[1]).content ?? {}) : {});
  return types.length === 0 || types.some((type) => /[/+]json$/.test(type));
}

/** The object a value names, its local `$ref`s (`#/components/...`) resolved by the contract's one resolver. */
function resolve(document: Node, value: Node): Node {
  return resolveLocalRefs(document, value);
}
