import type { HandlerMap } from '../contract/operation-types.js';
import { getLoggedUser } from '../identity/user-context.js';
import type { Services } from './services.js';

/** The authenticated caller. */
export function meOperations({ me }: Services): Pick<HandlerMap, 'getMe'> {
  return {
    getMe: (_input, context) => ({ status: 200, body: me.current(getLoggedUser(context)) }),
  };
}
