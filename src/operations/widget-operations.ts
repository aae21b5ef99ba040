import type { HandlerMap } from '../contract/operation-types.js';
import type { Services } from './services.js';

/** Command Center feeds (`core.tabular_frame@v1`). */
export function widgetOperations({ widgets }: Services): Pick<HandlerMap, 'getCustomersFrame' | 'getRandomNumbersFrame'> {
  return {
    getCustomersFrame: async ({ query }) => ({ status: 200, body: await widgets.customersFrame(query) }),
    getRandomNumbersFrame: async ({ query }) => ({ status: 200, body: await widgets.randomNumbersFrame(query) }),
  };
}
