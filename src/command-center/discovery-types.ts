import type { components } from '../../generated/openapi.js';

/** The Adapter From API discovery document, exactly as the contract defines it. */
export type ConnectionContract = components['schemas']['AdapterFromApiDiscovery'];
export type DiscoveryOperation = components['schemas']['AdapterFromApiOperation'];
export type DiscoveryParameter = components['schemas']['AdapterFromApiOperationParameter'];
export type DiscoveryParameters = components['schemas']['AdapterFromApiOperationParameters'];
export type DiscoveryRequestBody = components['schemas']['AdapterFromApiRequestBody'];
export type DiscoveryLogo = components['schemas']['AdapterFromApiLogo'];
export type DiscoverySecretVariable = components['schemas']['AdapterFromApiSecretVariable'];
export type DiscoveryHealth = components['schemas']['AdapterFromApiHealth'];
export type DiscoveryCache = components['schemas']['AdapterFromApiCache'];
export type OperationKind = components['schemas']['AdapterFromApiOperationKind'];

/** The contract id the discovery document's schemas are marked with (`x-contract-id`). */
export const DISCOVERY_CONTRACT = 'adapter-from-api-discovery@v1';

/** Where Command Center looks for the discovery document, relative to the API root. */
export const DISCOVERY_PATH = '/.well-known/command-center/connection-contract';

/** A contract that Command Center cannot be told about as written; the message names the operation and what to fix. */
export class CommandCenterContractError extends Error {
  constructor(where: string, problem: string) {
    super(`x-command-center of ${where}: ${problem}`);
  }
}
