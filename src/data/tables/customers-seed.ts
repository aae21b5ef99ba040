import type { NewCustomerRecord } from './customers-table.js';

/** The tutorial's small, deterministic customer set. Rerunning it changes nothing. */
export const SEED_CUSTOMERS: NewCustomerRecord[] = [
  { customer_code: 'ACME', name: 'Acme Capital', region: 'US' },
  { customer_code: 'BETA', name: 'Beta Treasury', region: 'EU' },
  { customer_code: 'GAMMA', name: 'Gamma Pensions', region: 'US' },
  { customer_code: 'DELTA', name: 'Delta Holdings', region: 'EU' },
  { customer_code: 'EPSILON', name: 'Epsilon Asset Management', region: 'APAC' },
  { customer_code: 'ZETA', name: 'Zeta Insurance', region: 'US' },
  { customer_code: 'ETA', name: 'Eta Family Office', region: 'LATAM' },
  { customer_code: 'THETA', name: 'Theta Bank', region: 'EU' },
  { customer_code: 'IOTA', name: 'Iota Partners', region: 'APAC' },
  { customer_code: 'KAPPA', name: 'Kappa Endowment', region: 'US' },
];
