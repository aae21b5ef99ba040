import type { HandlerMap } from '../contract/operation-types.js';
import type { Services } from './services.js';

/** The authenticated caller. */
export function meOperations({ me }: Services): Pick<HandlerMap, 'getMe'> {
  return {
    getMe: () => ({ status: 200, body: me.current() }),
  };
}
