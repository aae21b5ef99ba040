import type { HandlerMap } from '../contract/operation-types.js';
import type { Services } from './services.js';

type SystemOperations = Pick<HandlerMap, 'getHealth' | 'getReady' | 'getOpenApiJson' | 'getOpenApiYaml'>;

/** Liveness, readiness and the contract itself. */
export function systemOperations({ system, contract }: Services): SystemOperations {
  return {
    getHealth: () => ({ status: 200, body: system.health() }),
    getReady: async () => ({ status: 200, body: await system.readiness() }),
    getOpenApiJson: () => ({ status: 200, body: contract.document }),
    getOpenApiYaml: () => ({ status: 200, body: contract.yaml }),
  };
}
