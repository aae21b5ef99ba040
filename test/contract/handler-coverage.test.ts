import { pino } from 'pino';
import { describe, expect, it } from 'vitest';

import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { ContractMismatchError } from '../../src/contract/handler-coverage.js';
import type { HandlerMap } from '../../src/contract/operation-types.js';
import { engines } from '../support/engines.js';
import { contract, TEST_JWT_SECRET } from '../support/test-app.js';

const ok = () => ({ status: 200, body: {} });
const specOperationIds = contract.operations.map((operation) => operation.operationId);

function handlersFor(ids: string[]): HandlerMap {
  return Object.fromEntries(ids.map((id) => [id, ok])) as unknown as HandlerMap;
}

describe('start-up check of the handler map against the spec', () => {
  const logger = pino({ level: 'silent' });
  const config = loadConfig({ NODE_ENV: 'test', AUTH_JWT_SECRET: TEST_JWT_SECRET });
  const build = async (ids: string[]) => {
    const { storage, close } = await engines[0]!.open();
    try {
      return createApp({ config, storage, contract, logger, overrideHandlers: () => handlersFor(ids) });
    } finally {
      await close();
    }
  };

  it('accepts exactly one handler per operationId', async () => {
    await expect(build(specOperationIds)).resolves.toBeTypeOf('function');
  });

  it('refuses to start when an operation has no handler, naming it', async () => {
    const attempt = build(specOperationIds.filter((id) => id !== 'getCustomer'));
    await expect(attempt).rejects.toBeInstanceOf(ContractMismatchError);
    await expect(attempt).rejects.toThrow(/operations without a handler: getCustomer/);
  });

  it('refuses to start when a handler has no operation, naming it', async () => {
    await expect(build([...specOperationIds, 'deleteEverything'])).rejects.toThrow(/handlers for no operation: deleteEverything/);
  });
});
