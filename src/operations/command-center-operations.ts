import type { HandlerMap } from '../contract/operation-types.js';
import type { Services } from './services.js';

type CommandCenterOperations = Pick<HandlerMap, 'getCommandCenterConnectionContract' | 'getLogo'>;

/** What Command Center reads to connect: the discovery document and the logo it shows. */
export function commandCenterOperations({ commandCenter }: Services): CommandCenterOperations {
  return {
    getCommandCenterConnectionContract: () => ({ status: 200, body: commandCenter.contract }),
    getLogo: () => ({
      status: 200,
      body: commandCenter.logo.svg,
      headers: { 'Cache-Control': commandCenter.logo.cacheControl, 'Cross-Origin-Resource-Policy': 'cross-origin' },
    }),
  };
}
