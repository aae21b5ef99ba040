import type { HandlerMap } from '../contract/operation-types.js';
import type { MeService } from '../services/me-service.js';

/** The authenticated caller. */
export function meOperations(me: MeService): Pick<HandlerMap, 'getMe'> {
  return {
    getMe: () => ({ status: 200, body: me.current() }),
  };
}
