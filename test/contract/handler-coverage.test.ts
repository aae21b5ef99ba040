import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createContractRouter } from '../../src/contract/contract-router.js';
import { ContractMismatchError } from '../../src/contract/handler-coverage.js';
import type { HandlerMap } from '../../src/contract/operation-types.js';
import { contract } from '../support/test-app.js';

const ok = () => ({ status: 200, body: {} });
const specOperationIds = Object.values(contract.document.paths as Record<string, Record<string, { operationId?: string }>>)
  .flatMap((item) => Object.values(item).map((op) => op.operationId))
  .filter((id): id is string => typeof id === 'string');

function handlersFor(ids: string[]): HandlerMap {
  return Object.fromEntries(ids.map((id) => [id, ok])) as unknown as HandlerMap;
}

describe('start-up check of the handler map against the spec', () => {
  const logger = pino({ level: 'silent' });

  it('accepts exactly one handler per operationId', async () => {
    await expect(createContractRouter({ contract, handlers: handlersFor(specOperationIds), logger })).resolves.toBeTypeOf(
      'function',
    );
  });

  it('refuses to start when an operation has no handler, naming it', async () => {
    const withoutOne = specOperationIds.filter((id) => id !== 'getCustomer');
    const attempt = createContractRouter({ contract, handlers: handlersFor(withoutOne), logger });
    await expect(attempt).rejects.toBeInstanceOf(ContractMismatchError);
    await expect(attempt).rejects.toThrow(/operations without a handler: getCustomer/);
  });

  it('refuses to start when a handler has no operation, naming it', async () => {
    const attempt = createContractRouter({ contract, handlers: handlersFor([...specOperationIds, 'deleteEverything']), logger });
    await expect(attempt).rejects.toThrow(/handlers for no operation: deleteEverything/);
  });
});
