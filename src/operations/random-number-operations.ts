import type { HandlerMap } from '../contract/operation-types.js';
import type { Services } from './services.js';

/** The published random-number series. */
export function randomNumberOperations({ randomNumbers }: Services): Pick<HandlerMap, 'getRandomNumbers'> {
  return {
    getRandomNumbers: async ({ query }) => {
      const { identifier, rows } = await randomNumbers.between(query);
      return { status: 200, body: { identifier, rows } };
    },
  };
}
