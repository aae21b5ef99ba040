import { defineHandlers, type HandlerMap } from '../contract/operation-types.js';
import { commandCenterOperations } from './command-center-operations.js';
import { customerOperations } from './customer-operations.js';
import { meOperations } from './me-operations.js';
import { randomNumberOperations } from './random-number-operations.js';
import type { Services } from './services.js';
import { systemOperations } from './system-operations.js';
import { widgetOperations } from './widget-operations.js';

/** The complete handler map: `tsc` fails if an operationId is missing or unknown. */
export function createHandlers(services: Services): HandlerMap {
  return defineHandlers({
    ...systemOperations(services),
    ...customerOperations(services),
    ...randomNumberOperations(services),
    ...widgetOperations(services),
    ...meOperations(services),
    ...commandCenterOperations(services),
  });
}
