// Type tests for the handler map, checked by `tsc --noEmit` in `make test`. Every
// `@ts-expect-error` below must be an error, or tsc fails with "unused directive".
// Each forbidden handler sits on one line so the directive covers wherever tsc reports it.
import { defineHandlers, type HandlerMap, type OperationHandler } from '../../src/contract/operation-types.js';

declare const complete: HandlerMap;
const acme = { id: 1, customer_code: 'ACME', name: 'Acme', region: 'US' };

// A handler may only return the operation's documented statuses...
// @ts-expect-error 201 is not a documented status of getCustomer
export const wrongStatus: OperationHandler<'getCustomer'> = () => ({ status: 201, body: acme });

// ...with the body documented for that status...
// prettier-ignore
// @ts-expect-error `code` is not the Customer field `customer_code`
export const wrongBodyField: OperationHandler<'getCustomer'> = () => ({ status: 200, body: { id: 1, code: 'ACME', name: 'Acme', region: 'US' } });

// (A purely additional property on an otherwise complete body escapes tsc, because TypeScript
// does not check excess properties on a function's inferred return; the response validator
// catches it at run time: see test/contract/response-drift.test.ts.)

// @ts-expect-error `id` must be a number
export const wrongBodyType: OperationHandler<'getCustomer'> = () => ({ status: 200, body: { ...acme, id: '1' } });

// @ts-expect-error `version` is required
export const missingBodyField: OperationHandler<'getHealth'> = () => ({ status: 200, body: { status: 'ok' } });

// ...and the headers the contract requires (Location on 201).
// @ts-expect-error createCustomer's 201 requires a Location header
export const missingRequiredHeader: OperationHandler<'createCustomer'> = () => ({ status: 201, body: acme });

// A problem status carries a Problem body, not the success body.
// @ts-expect-error a 404 body is a Problem
export const wrongProblemBody: OperationHandler<'getCustomer'> = () => ({ status: 404, body: acme });

// The documented combinations compile.
export const documented: OperationHandler<'createCustomer'> = () => ({ status: 201, body: acme, headers: { Location: '/customers/ACME' } });

// Inputs are typed from the contract.
export const typedInput: OperationHandler<'listCustomers'> = ({ query }) => {
  // @ts-expect-error `regoin` is not a parameter of listCustomers
  void query.regoin;
  const limit: number | undefined = query.limit;
  void limit;
  return { status: 200, body: [] };
};

// A missing operationId is a compile error...
const { getCustomer: _dropped, ...withoutGetCustomer } = complete;
// @ts-expect-error getCustomer has no handler
defineHandlers(withoutGetCustomer);

// ...and so is an extra one, even when spread in from a partial map.
const extra = { deleteEverything: () => ({ status: 200 as const, body: {} }) };
// @ts-expect-error deleteEverything is not an operation
defineHandlers({ ...complete, ...extra });

// The complete map compiles.
defineHandlers({ ...complete });
