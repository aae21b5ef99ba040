/** How a change affects existing consumers of the contract. */
export type Severity = 'breaking' | 'non-breaking';

/** One classified difference between the base contract and the new one. */
export interface Change {
  severity: Severity;
  /** Stable rule id, such as `parameter-removed`; each has a fixture pair under test/contract-diff. */
  rule: string;
  /** Where, such as `GET /customers` query `region`. */
  where: string;
  /** What changed, in one sentence. */
  message: string;
}

/** Collects changes as the comparers find them. */
export class ChangeLog {
  readonly changes: Change[] = [];

  breaking(rule: string, where: string, message: string): void {
    this.changes.push({ severity: 'breaking', rule, where, message });
  }

  additive(rule: string, where: string, message: string): void {
    this.changes.push({ severity: 'non-breaking', rule, where, message });
  }
}
