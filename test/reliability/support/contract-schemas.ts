import { Ajv, type ValidateFunction } from 'ajv';

import { loadContractDocument } from '../../../src/contract/contract-document.js';

// The contract's own schemas, not hand-copied patterns: a row or answer is judged by what
// openapi.yaml says a Customer or a Problem is.
const ajv = new Ajv({ strict: false, allErrors: true });
const { components } = loadContractDocument().document as unknown as { components: { schemas: Record<string, unknown> } };
ajv.addSchema({ $id: 'contract', components: { schemas: components.schemas } });

function schemaCheck(name: string): (value: unknown) => string | undefined {
  let validate: ValidateFunction | undefined;
  return (value) => {
    validate ??= ajv.compile({ $ref: `contract#/components/schemas/${name}` });
    return validate(value) ? undefined : ajv.errorsText(validate.errors);
  };
}

/** Why `value` is not a Customer as the contract defines it, or undefined when it is one. */
export const customerViolations = schemaCheck('Customer');

/** Why `value` is not an RFC 9457 Problem as the contract defines it, or undefined when it is one. */
export const problemViolations = schemaCheck('Problem');
