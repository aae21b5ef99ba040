import { resolveLocalRefs } from '../contract/local-ref-resolver.js';
import { type CommandCenterUsage, commandCenterUsage, isQueryCapable } from './command-center-extension.js';
import { discoveryParameters, type OpenApiParameter } from './discovery-parameters.js';
import { derefOnce, requestBody, responseModel, successSchema, successStatusOf } from './discovery-payloads.js';
import { CommandCenterContractError, type DiscoveryOperation } from './discovery-types.js';

type Raw = Record<string, unknown>;

/** Methods the discovery contract can name. */
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
/** Methods an OpenAPI path item may hold that Command Center cannot call. */
const OTHER_METHODS = ['head', 'options', 'trace'] as const;

/** An operation Command Center may call, with what its `x-command-center` stated. */
export interface ListedOperation {
  operation: DiscoveryOperation;
  usage: CommandCenterUsage;
  /** The security requirements that apply (operation's, else the document's). */
  security: Record<string, string[]>[];
  /** The lowest documented 2xx status, when there is one. */
  successStatus: number | undefined;
}

/**
 * Every operation of the document whose `x-command-center` is not `false`, in document order,
 * translated for the discovery document. Throws CommandCenterContractError, naming the
 * operation, where the contract contradicts itself (a write offered as a query, a query without
 * the contract its answer follows, a row limit without a `limit` parameter).
 */
export function listedOperations(document: Raw): ListedOperation[] {
  const listed: ListedOperation[] = [];
  for (const [path, rawItem] of Object.entries((document.paths ?? {}) as Record<string, Raw>)) {
    const item = derefOnce(document, rawItem);
    for (const method of [...METHODS, ...OTHER_METHODS]) {
      const operation = item[method] as Raw | undefined;
      if (!operation) continue;
      const operationId = typeof operation.operationId === 'string' ? operation.operationId : `${method.toUpperCase()} ${path}`;
      const usage = commandCenterUsage(operationId, operation);
      if (usage === false) continue;
      if ((OTHER_METHODS as readonly string[]).includes(method)) {
        throw new CommandCenterContractError(
          operationId,
          `${method.toUpperCase()} operations cannot be called by Command Center; use x-command-center: false`,
        );
      }
      listed.push(listedOperation(document, { path, method, operationId, item, operation, usage }));
    }
  }
  return listed;
}

interface OperationSource {
  path: string;
  method: (typeof METHODS)[number] | (typeof OTHER_METHODS)[number];
  operationId: string;
  item: Raw;
  operation: Raw;
  usage: CommandCenterUsage;
}

function listedOperation(document: Raw, source: OperationSource): ListedOperation {
  const { path, method, operationId, operation, usage } = source;
  const parameters = mergedParameters(document, source);
  checkUsage(document, source, parameters);
  const translated: DiscoveryOperation = {
    operationId,
    label: usage.label,
    ...(typeof operation.description === 'string' ? { description: operation.description.trim() } : {}),
    method: method.toUpperCase() as DiscoveryOperation['method'],
    path,
    kind: usage.kind,
    capabilities: [...usage.capabilities],
    requiresTimeRange: usage.requiresTimeRange,
    ...(usage.supportsVariables !== undefined ? { supportsVariables: usage.supportsVariables } : {}),
    supportsMaxRows: usage.supportsMaxRows,
    parameters: discoveryParameters(operationId, parameters),
  };
  const body = requestBody(document, operation.requestBody);
  if (body) translated.requestBody = body;
  if (usage.responseContract) translated.responseContract = usage.responseContract;
  const model = responseModel(document, operation);
  if (model) translated.responseModel = model;
  if (usage.cache) translated.cache = { ...usage.cache };
  const security = (operation.security ?? document.security ?? []) as Record<string, string[]>[];
  const status = successStatusOf(operation);
  return { operation: translated, usage, security, successStatus: status === undefined ? undefined : Number(status) };
}

/** The rules an `x-command-center` must keep with the operation it describes. */
function checkUsage(document: Raw, { method, operationId, operation, usage }: OperationSource, parameters: OpenApiParameter[]): void {
  const fail = (problem: string) => {
    throw new CommandCenterContractError(operationId, problem);
  };
  if (method !== 'get' && usage.kind !== 'mutation') fail(`a ${method.toUpperCase()} changes data, so its kind must be mutation`);
  if (method === 'get' && usage.kind === 'mutation') fail('a GET does not change data; its kind is query or resource');
  if (method !== 'get' && usage.capabilities.includes('query')) fail('a write must never be query-capable');
  if (isQueryCapable(usage) && !usage.responseContract) fail('a query-capable operation must name its responseContract');
  if (usage.responseContract) {
    const declared = (successSchema(document, operation, true) as { 'x-contract-id'?: unknown } | undefined)?.['x-contract-id'];
    if (declared !== usage.responseContract) {
      fail(`responseContract ${usage.responseContract} is not what its success response declares (x-contract-id ${String(declared)})`);
    }
  }
  if (usage.supportsMaxRows && !parameters.some((p) => p.in === 'query' && p.name === 'limit')) {
    fail('supportsMaxRows needs a query parameter named limit to map the row limit to');
  }
}

/** Path-item parameters overridden by the operation's own (same name and location), `$ref`s resolved. */
function mergedParameters(document: Raw, { item, operation }: OperationSource): OpenApiParameter[] {
  const resolve = (list: unknown) => resolveLocalRefs(document, (list ?? []) as OpenApiParameter[], { cycles: 'bundle' });
  const byKey = new Map<string, OpenApiParameter>();
  for (const parameter of [...resolve(item.parameters), ...resolve(operation.parameters)])
    byKey.set(`${parameter.in}:${parameter.name}`, parameter);
  return [...byKey.values()];
}
