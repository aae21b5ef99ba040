import type { ListedOperation } from './discovery-operations.js';
import { CommandCenterContractError, type DiscoveryHealth } from './discovery-types.js';

/**
 * The health check: the one listed operation whose `x-command-center` has `healthCheck`. It must
 * be a public GET without parameters, and is healthy at its documented 2xx status.
 */
export function healthCheck(listed: readonly ListedOperation[]): DiscoveryHealth {
  const marked = listed.filter((l) => l.usage.healthCheck);
  if (marked.length !== 1) {
    throw new CommandCenterContractError(
      'the contract',
      `exactly one operation must have healthCheck, found ${marked.length === 0 ? 'none' : marked.map((m) => m.operation.operationId).join(', ')}`,
    );
  }
  const { operation, usage, security, successStatus } = marked[0]!;
  const fail = (problem: string): never => {
    throw new CommandCenterContractError(operation.operationId, `the health check ${problem}`);
  };
  const parameters = operation.parameters ?? {};
  if (operation.method !== 'GET') fail('must be a GET');
  if ([parameters.path, parameters.query, parameters.headers].some((list) => (list ?? []).length > 0)) fail('must take no parameters');
  if (security.some((requirement) => Object.keys(requirement).length > 0)) fail('must need no credentials (security: [])');
  if (successStatus === undefined) return fail('must document a 2xx response');
  return { operationId: operation.operationId, expectedStatus: successStatus, timeoutMs: usage.healthCheck!.timeoutMs };
}
