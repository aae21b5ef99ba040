import type { CommandCenterConnection } from '../command-center/command-center-connection.js';
import type { ContractDocument } from '../contract/contract-document.js';
import type { CustomersService } from '../services/customers-service.js';
import type { MeService } from '../services/me-service.js';
import type { RandomNumbersService } from '../services/random-numbers-service.js';
import type { SystemService } from '../services/system-service.js';
import type { WidgetsService } from '../services/widgets-service.js';

/** Everything the handlers call: one service per resource, plus the contract they serve. */
export interface Services {
  system: SystemService;
  customers: CustomersService;
  randomNumbers: RandomNumbersService;
  widgets: WidgetsService;
  me: MeService;
  contract: ContractDocument;
  /** The Command Center discovery document and logo, derived at start-up. */
  commandCenter: CommandCenterConnection;
}
