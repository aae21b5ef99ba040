import type { Ajv } from 'ajv';
import type { OpenAPIBackend } from 'openapi-backend';

import { sourceKeepingAjv, validatorModule } from './standalone-ajv.js';

/**
 * openapi-backend's request validators for every operation, as standalone modules (operationId
 * -> modules in the library's order). The library builds each operation's schemas and compiles
 * them through its public `getRequestValidatorsForOperation`; the ajv instance it compiles with
 * comes from `customizeAjv` (see `contractBackend`), one per validator, which keeps the source.
 */
export function requestValidatorModules(api: OpenAPIBackend, createdAjvs: Ajv[]): Map<string, string[]> {
  const modules = new Map<string, string[]>();
  for (const operation of api.getOperations()) {
    const operationId = operation.operationId!;
    const before = createdAjvs.length;
    const validators = api.validator.getRequestValidatorsForOperation(operationId) ?? [];
    const ajvs = createdAjvs.slice(before);
    // One ajv per validator, created just before it is compiled: pairing them by order is safe only while that holds.
    if (ajvs.length !== validators.length) {
      throw new Error(`${operationId}: openapi-backend compiled ${validators.length} request validators with ${ajvs.length} ajv instances`);
    }
    modules.set(
      operationId,
      validators.map((validate, i) => validatorModule(ajvs[i]!, validate)),
    );
  }
  return modules;
}

/** The `customizeAjv` of the build's openapi-backend: a source-keeping ajv per validator, remembered in `created`. */
export function recordingAjvFactory(created: Ajv[]) {
  return (_original: Ajv, options: ConstructorParameters<typeof Ajv>[0] = {}): Ajv => {
    const ajv = sourceKeepingAjv(options);
    created.push(ajv);
    return ajv;
  };
}
