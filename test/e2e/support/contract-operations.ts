import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

import { ROOT } from './server-process.js';

/** One operation as the contract declares it. */
export interface ContractOperation {
  operationId: string;
  method: string;
  path: string;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

/** The parsed working-copy `openapi.yaml`. */
export function readContract(): Record<string, any> {
  return parse(readFileSync(join(ROOT, 'openapi.yaml'), 'utf8')) as Record<string, any>;
}

/** Every operation in `openapi.yaml`, in document order; suites derive their case lists from it. */
export function contractOperations(document = readContract()): ContractOperation[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((method) => (item as Record<string, unknown>)[method]).map((method) => ({
      operationId: (item as Record<string, { operationId: string }>)[method]!.operationId,
      method,
      path,
    })),
  );
}

/** Whether the contract declares a bearer security scheme (authentication has landed). */
export function contractRequiresAuth(document = readContract()): boolean {
  return Object.keys(document.components?.securitySchemes ?? {}).length > 0;
}
