// Code samples for the docs page, derived from the contract: for every operation a curl line
// and the @tutorial-api/client call, filled in with the contract's own examples.
import { answersJson, type ExampleRequest, exampleRequest } from './example-request.js';
import { flatLiteral, SAMPLE_WIDTH, shellSingleQuoted, tsLiteral } from './literals.js';

/** One entry of an operation's `x-codeSamples`, as Redoc reads it. */
export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

type Node = Record<string, any>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** A copy of `document` in which every operation carries `x-codeSamples` (curl, then the SDK). */
export function withCodeSamples(document: Node): Node {
  const copy = structuredClone(document);
  for (const [path, item] of Object.entries<Node>(copy.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method] as Node | undefined;
      if (operation) operation['x-codeSamples'] = codeSamples(copy, path, method, operation, item.parameters ?? []);
    }
  }
  return copy;
}

/** The samples of one operation; fails, naming it, when a required value has no example. */
export function codeSamples(document: Node, path: string, method: string, operation: Node, pathItemParameters: Node[] = []): CodeSample[] {
  const request = exampleRequest(document, path, operation, pathItemParameters);
  const baseUrl = String(document.servers?.[0]?.url ?? 'http://127.0.0.1:8000').replace(/\/+$/, '');
  const secured = ((operation.security ?? document.security ?? []) as Node[]).some((requirement) => Object.keys(requirement).length > 0);
  return [
    { lang: 'Shell', label: 'curl', source: curlSample(baseUrl, method, request, secured) },
    {
      lang: 'TypeScript',
      label: 'TypeScript SDK',
      source: sdkSample(String(operation.operationId), baseUrl, method, path, request, secured, answersJson(document, operation)),
    },
  ];
}

function curlSample(baseUrl: string, method: string, request: ExampleRequest, secured: boolean): string {
  const query = new URLSearchParams(
    Object.entries(request.query).map(([name, value]): [string, string] => [name, String(value)]),
  ).toString();
  const lines = [`curl${method === 'get' ? '' : ` -X ${method.toUpperCase()}`} "${baseUrl}${request.url}${query ? `?${query}` : ''}"`];
  if (secured) lines.push('-H "Authorization: Bearer $TOKEN"');
  if (request.body !== undefined) {
    const flat = JSON.stringify(request.body);
    const json = flat.length + 8 <= SAMPLE_WIDTH ? flat : JSON.stringify(request.body, null, 2).replace(/\n/g, '\n  ');
    lines.push(`-H "Content-Type: application/json"`, `-d ${shellSingleQuoted(json)}`);
  }
  return lines.join(' \\\n  ');
}

function sdkSample(
  operationId: string,
  baseUrl: string,
  method: string,
  path: string,
  request: ExampleRequest,
  secured: boolean,
  json: boolean,
): string {
  const params = {
    ...(Object.keys(request.path).length > 0 ? { path: request.path } : {}),
    ...(Object.keys(request.query).length > 0 ? { query: request.query } : {}),
  };
  const init = {
    ...(Object.keys(params).length > 0 ? { params } : {}),
    ...(request.body !== undefined ? { body: request.body } : {}),
    ...(json ? {} : { parseAs: 'text' }),
  };
  const options = { baseUrl, ...(secured ? { token: TOKEN_FROM_ENVIRONMENT } : {}) };
  const result = resultName(operationId);
  const head = `await api.${method.toUpperCase()}(${flatLiteral(path)}`;
  const hasInit = Object.keys(init).length > 0;
  const oneLine = `const ${result} = unwrap(${head}${hasInit ? `, ${flatLiteral(init)}` : ''}));`;
  const call =
    oneLine.length <= SAMPLE_WIDTH
      ? oneLine
      : `const ${result} = unwrap(\n  ${head}${hasInit ? `, ${tsLiteral(init, '  ', `${head}, `)}` : ''}),\n);`;
  return [
    `import { createClient, unwrap } from '@tutorial-api/client';`,
    '',
    `const api = createClient(${tsLiteral(options).replace(`'${TOKEN_FROM_ENVIRONMENT}'`, TOKEN_FROM_ENVIRONMENT)});`,
    call,
  ].join('\n');
}

/** Written into the SDK sample as code, not as a string. */
const TOKEN_FROM_ENVIRONMENT = 'process.env.TOKEN';

/** A variable name for an operation's result: its operationId without the verb (`listCustomers` -> `customers`). */
function resultName(operationId: string): string {
  const noun = operationId.replace(/^[a-z]+(?=[A-Z])/, '');
  return noun && noun !== operationId ? noun[0]!.toLowerCase() + noun.slice(1) : 'data';
}
