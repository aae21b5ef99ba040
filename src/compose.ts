import { createCommandCenterConnection } from './command-center/command-center-connection.js';
import { ContractSchemas } from './command-center/contract-row-schemas.js';
import { createFrameBuilder } from './command-center/frame-builder.js';
import type { AppConfig } from './config.js';
import type { CompiledContract } from './contract/compiled-contract.js';
import { DataNodeReader } from './data/data-node/data-node-reader.js';
import type { StorageEngine } from './data/engine/storage-engine.js';
import { SimpleTable } from './data/simple-table/simple-table.js';
import { customersTable } from './data/tables/customers-table.js';
import { randomNumberNode } from './data/tables/random-number-node.js';
import type { Services } from './operations/services.js';
import { CustomersService } from './services/customers-service.js';
import { MeService } from './services/me-service.js';
import { RandomNumbersService } from './services/random-numbers-service.js';
import { SystemService } from './services/system-service.js';
import { WidgetsService } from './services/widgets-service.js';

/**
 * Wires services to storage and the contract; tests call it with their own engine and clock (the
 * clock stamps writes: a table's last write is what frames report as their data's age).
 * `isStopping` says when the process was told to stop (readiness then fails).
 */
export function createServices(
  storage: StorageEngine,
  config: Pick<AppConfig, 'projectId' | 'timeseriesMaxRows' | 'publicBaseUrl'>,
  contract: CompiledContract,
  now: () => Date = () => new Date(),
  isStopping?: () => boolean,
): Services {
  const customers = new CustomersService(new SimpleTable(storage, customersTable, { now }));
  const randomNumbers = new RandomNumbersService(new DataNodeReader(storage), randomNumberNode(config.projectId), config.timeseriesMaxRows);
  const schemas = new ContractSchemas(contract.document);
  const widgets = new WidgetsService(customers, randomNumbers, {
    customers: createFrameBuilder(schemas.row('Customer'), schemas.resolve),
    randomNumbers: createFrameBuilder(schemas.row('RandomNumberRow'), schemas.resolve),
  });
  return {
    system: new SystemService(contract.version, () => storage.ping(), isStopping),
    customers,
    randomNumbers,
    widgets,
    me: new MeService(),
    contract,
    commandCenter: createCommandCenterConnection(contract, { publicBaseUrl: config.publicBaseUrl }),
  };
}
