import type { HandlerMap } from '../contract/operation-types.js';
import type { Services } from './services.js';

type SystemOperations = Pick<HandlerMap, 'getHealth' | 'getOpenApiJson' | 'getOpenApiYaml'>;

/** Liveness and the contract itself. */
export function systemOperations({ system, contract }: Services): SystemOperations {
  return {
    getHealth: () => ({ status: 200, body: system.health() }),
    getOpenApiJson: () => ({ status: 200, body: contract.document }),
    getOpenApiYaml: () => ({ status: 200, body: contract.yaml }),
  };
}
