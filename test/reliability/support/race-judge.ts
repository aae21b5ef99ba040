import { customerViolations, problemViolations } from './contract-schemas.js';
import type { Answer, Customer, NewCustomer } from './customers-http.js';

/** What a set of racing creates came to: the winner of each code, and every broken promise of the contract. */
export interface RaceVerdict {
  winners: Map<string, Customer>;
  /** One line per violation, naming the code; empty when the race went as the contract says. */
  violations: string[];
}

/**
 * Judges creates that raced (`sent[i]` answered by `answers[i]`): each code must have exactly one
 * 201 (a Customer echoing one of the bodies sent for it, Location pointing at it) and every other
 * request for it a 409 problem naming the code.
 */
export function judgeRace(sent: NewCustomer[], answers: Answer[]): RaceVerdict {
  const winners = new Map<string, Customer>();
  const violations: string[] = [];
  const codes = new Set(sent.map((c) => c.customer_code));
  for (const code of codes) {
    const tries = sent.map((body, i) => ({ body, answer: answers[i]! })).filter((t) => t.body.customer_code === code);
    const created = tries.filter((t) => t.answer.status === 201);
    if (created.length !== 1) violations.push(`${code}: ${created.length} answers were 201, expected exactly 1`);
    for (const { answer } of created) {
      const customer = answer.body as Customer;
      const schema = customerViolations(customer);
      if (schema) violations.push(`${code}: the 201 body is not a Customer (${schema})`);
      if (!tries.some((t) => sameFields(t.body, customer)))
        violations.push(`${code}: the 201 body ${JSON.stringify(customer)} matches no body sent`);
      if (answer.location !== `/customers/${code}`) violations.push(`${code}: the 201 Location is ${answer.location}`);
      winners.set(code, customer);
    }
    for (const { answer } of tries.filter((t) => t.answer.status !== 201)) {
      const detail = (answer.body as { detail?: unknown } | undefined)?.detail;
      if (answer.status !== 409) violations.push(`${code}: answered ${answer.status} ${JSON.stringify(answer.body)}, expected 201 or 409`);
      else if (!/^application\/problem\+json/.test(answer.contentType))
        violations.push(`${code}: the 409 is ${answer.contentType}, not a problem`);
      else if (problemViolations(answer.body)) violations.push(`${code}: the 409 is not a Problem (${problemViolations(answer.body)})`);
      else if (typeof detail !== 'string' || !detail.includes(code))
        violations.push(`${code}: the 409 detail ${JSON.stringify(detail)} does not name it`);
    }
  }
  return { winners, violations };
}

/**
 * Checks rows read back from `source` (the API or the database) against the race's winners:
 * each winning code stored exactly once, as its 201 said, and no other row with a raced code.
 */
export function judgeStored(winners: Map<string, Customer>, rows: unknown[], source: string): string[] {
  const violations: string[] = [];
  for (const [code, winner] of winners) {
    const stored = rows.filter((row) => (row as Customer).customer_code === code);
    if (stored.length === 0) violations.push(`${code}: acknowledged with 201 but not in ${source}`);
    else if (stored.length > 1) violations.push(`${code}: ${stored.length} rows in ${source}: ${JSON.stringify(stored)}`);
    else if (JSON.stringify(normalised(stored[0])) !== JSON.stringify(normalised(winner))) {
      violations.push(`${code}: ${source} holds ${JSON.stringify(stored[0])}, the 201 said ${JSON.stringify(winner)}`);
    }
  }
  return violations;
}

function sameFields(sent: NewCustomer, customer: Customer): boolean {
  return sent.customer_code === customer.customer_code && sent.name === customer.name && sent.region === customer.region;
}

/** The row's columns in a fixed order, so two renderings of one customer compare equal. */
function normalised(row: unknown): unknown[] {
  const { id, customer_code, name, region } = row as Customer;
  return [id, customer_code, name, region];
}
