import { randomBytes } from 'node:crypto';

/** One request of the mixed load and what became of it. */
export interface LoadOutcome {
  op: 'create' | 'list' | 'read';
  /** 0 when no answer came (connection refused, reset, timed out). */
  status: number;
  /** Whether the answer was the one expected (201 for a create, 200 for a read or a list). */
  ok: boolean;
  error?: string;
  /** The backend that answered (HAProxy's X-Served-By). */
  servedBy?: string;
  /** performance.now() when sent and answered. */
  started: number;
  ended: number;
}

/** A customer whose create answered 201. */
export interface AcknowledgedCreate {
  customer_code: string;
  name: string;
  region: string;
}

/** Mixed traffic running in the background until stopped. */
export interface MixedLoad {
  readonly outcomes: readonly LoadOutcome[];
  readonly acknowledged: readonly AcknowledgedCreate[];
  stop(): Promise<void>;
}

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * `workers` callers sending back to back, each request as one of `tokens` in turn (so no one
 * caller nears its rate limit): one create in four, the rest listing a page of customers or
 * reading back a customer created earlier (likely through the other backend).
 */
export function startMixedLoad(baseUrl: string, tokens: readonly string[], workers: number): MixedLoad {
  const outcomes: LoadOutcome[] = [];
  const acknowledged: AcknowledgedCreate[] = [];
  const run = randomBytes(3).toString('hex').toUpperCase();
  let running = true;

  const send = async (op: LoadOutcome['op'], token: string, path: string, expected: number, body?: AcknowledgedCreate): Promise<void> => {
    const started = performance.now();
    const outcome: LoadOutcome = { op, status: 0, ok: false, started, ended: started };
    try {
      const res = await fetch(`${baseUrl}${path}`, {
        method: body ? 'POST' : 'GET',
        headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await res.text();
      outcome.status = res.status;
      outcome.servedBy = res.headers.get('x-served-by') ?? undefined;
      outcome.ok = res.status === expected;
      if (!outcome.ok) outcome.error = text.slice(0, 300);
      if (outcome.ok && body) acknowledged.push(body);
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      outcome.error = cause?.code ?? cause?.message ?? String(error);
    }
    outcome.ended = performance.now();
    outcomes.push(outcome);
  };

  const worker = async (w: number) => {
    for (let i = 0; running; i++) {
      const token = tokens[(w * 31 + i) % tokens.length]!;
      if (i % 4 === 0) {
        const customer = { customer_code: `RR${run}_${w}_${i}`, name: `Rolling ${w} ${i}`, region: i % 8 === 0 ? 'EU' : 'US' };
        await send('create', token, '/customers', 201, customer);
      } else if (i % 2 === 1 || acknowledged.length === 0) {
        await send('list', token, `/customers?limit=20&region=${i % 3 === 0 ? 'EU' : 'US'}`, 200);
      } else {
        const known = acknowledged[(w * 7 + i) % acknowledged.length]!;
        await send('read', token, `/customers/${known.customer_code}`, 200);
      }
    }
  };
  const done = Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  return {
    outcomes,
    acknowledged,
    async stop() {
      running = false;
      await done;
    },
  };
}
