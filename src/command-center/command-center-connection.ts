import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { CompiledContract } from '../contract/compiled-contract.js';
import { completeConnectionContract, type ConnectionContractOptions, type DerivedDiscovery } from './discovery-completion.js';
import type { ConnectionContract } from './discovery-types.js';

/** Where the logo `info.x-logo` points at lives, relative to the package root (beside openapi.yaml). */
export const LOGO_FILE = 'src/command-center/api-logo.svg';

/** A day: the logo changes with releases, not requests. */
const LOGO_CACHE_CONTROL = 'public, max-age=86400';

/** What the API tells Command Center about itself, worked out once at start-up. */
export interface CommandCenterConnection {
  /** The discovery document served at `/.well-known/command-center/connection-contract`. */
  readonly contract: ConnectionContract;
  /** The logo served at `/logo.svg`. */
  readonly logo: { readonly svg: string; readonly cacheControl: string };
}

/**
 * Completes the discovery document the build derived from the contract (connection-contract.ts
 * `deriveDiscovery`) with the deployment's settings, and reads the logo beside the contract.
 */
export function createCommandCenterConnection(
  contract: CompiledContract,
  options: ConnectionContractOptions = {},
): CommandCenterConnection {
  return Object.freeze({
    contract: completeConnectionContract(contract.commandCenterDiscovery as DerivedDiscovery, contract.document, options),
    logo: Object.freeze({ svg: readFileSync(join(dirname(contract.path), LOGO_FILE), 'utf8'), cacheControl: LOGO_CACHE_CONTROL }),
  });
}
