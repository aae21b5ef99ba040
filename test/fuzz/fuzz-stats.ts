import { CREDENTIAL_KINDS, type CredentialKind } from './credentials.js';

/** Counts what a fuzz run sent and got back, for its one-line summary. */
export class FuzzStats {
  readonly covered = new Set<string>();
  readonly failedOperations = new Set<string>();
  private requests = 0;
  private valid = 0;
  private mutated = 0;
  private readonly byCaller = new Map<CredentialKind, number>(CREDENTIAL_KINDS.map((kind) => [kind, 0]));
  private readonly byStatus = new Map<number, number>();
  /** Link title -> sequences that followed it (stateful phase). */
  readonly sequences = new Map<string, number>();

  /** One request sent to `operationId` as `caller` that got `status`. */
  record(operationId: string, caller: CredentialKind, mutated: boolean, status: number): void {
    this.covered.add(operationId);
    this.requests++;
    if (mutated) this.mutated++;
    else this.valid++;
    this.byCaller.set(caller, this.byCaller.get(caller)! + 1);
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
  }

  /** One sequence of the stateful phase that followed `link` (its title) to the end. */
  recordSequence(link: string): void {
    this.sequences.set(link, (this.sequences.get(link) ?? 0) + 1);
  }

  /** The line `make test` shows. */
  summary(seed: number, elapsedMs: number): string {
    const callers = [...this.byCaller].map(([kind, n]) => `${n} ${kind}`).join(', ');
    const statuses = [...this.byStatus]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status}×${n}`)
      .join(' ');
    return (
      `contract fuzz: ${this.covered.size} operations covered, ${this.requests} requests sent ` +
      `(${this.valid} valid, ${this.mutated} mutated; ${callers}; statuses ${statuses}), ` +
      `${[...this.sequences.values()].reduce((a, b) => a + b, 0)} sequences over ${this.sequences.size} links, ` +
      `failures ${this.failedOperations.size}${this.failedOperations.size > 0 ? ` (${[...this.failedOperations].join(', ')})` : ''}, ` +
      `seed ${seed}, ${(elapsedMs / 1000).toFixed(1)} s`
    );
  }
}
