import { customerViolations } from './contract-schemas.js';
import type { CreateLoadResult } from './create-load.js';
import type { Customer } from './customers-http.js';
import { judgeStored } from './race-judge.js';

/** The 201 bodies of a create load, by code. */
export function acknowledgedCustomers(load: CreateLoadResult): Map<string, Customer> {
  return new Map([...load.acknowledged].map(([code, { body }]) => [code, body]));
}

/** Every way the 201s of a create load broke the contract: each must echo its request, with Location. */
export function judgeAcknowledgements(load: CreateLoadResult): string[] {
  const violations: string[] = [];
  for (const [code, { body, location }] of load.acknowledged) {
    const asked = load.sent.get(code);
    const schema = customerViolations(body);
    if (schema) violations.push(`${code}: the 201 body is not a Customer (${schema})`);
    if (body.customer_code !== code || body.name !== asked?.name || body.region !== asked?.region) {
      violations.push(`${code}: the 201 body ${JSON.stringify(body)} does not echo the request ${JSON.stringify(asked)}`);
    }
    if (location !== `/customers/${code}`) violations.push(`${code}: the 201 Location is ${location}`);
  }
  return violations;
}

/**
 * Judges the rows `source` holds after a crash during `load` (rows of other origins filtered
 * out first): every acknowledged create is there exactly once as its 201 said; every row is a
 * complete, valid Customer that some request asked for, with the fields it asked for; and the
 * count lies between the creates acknowledged and the creates sent.
 */
export function judgeAfterCrash(load: CreateLoadResult, rows: unknown[], source: string): string[] {
  const violations = judgeStored(acknowledgedCustomers(load), rows, source);
  const seen = new Set<string>();
  for (const row of rows) {
    const customer = row as Partial<Customer>;
    const code = String(customer.customer_code);
    const asked = load.sent.get(code);
    const schema = customerViolations(row);
    if (schema)
      violations.push(`${code}: ${source} holds a row that is not a complete, valid Customer (${schema}): ${JSON.stringify(row)}`);
    if (!asked) violations.push(`${code}: ${source} holds a row no request asked for: ${JSON.stringify(row)}`);
    else if (customer.name !== asked.name || customer.region !== asked.region) {
      violations.push(`${code}: ${source} holds ${JSON.stringify(row)}, the request was ${JSON.stringify(asked)}`);
    }
    if (seen.has(code)) violations.push(`${code}: ${source} holds it more than once`);
    seen.add(code);
  }
  if (rows.length < load.acknowledged.size || rows.length > load.sent.size) {
    violations.push(`${source} holds ${rows.length} rows; ${load.acknowledged.size} creates were acknowledged and ${load.sent.size} sent`);
  }
  return violations;
}
