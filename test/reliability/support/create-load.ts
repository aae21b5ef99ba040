import { type Customer, customersHttp, type NewCustomer } from './customers-http.js';

/** What a batch of creates came to, as the client saw it. */
export interface CreateLoadResult {
  /** Every body sent, by code, whether or not an answer came back. */
  sent: Map<string, NewCustomer>;
  /** Every 201 received, by code: the body it answered and its Location. */
  acknowledged: Map<string, { body: Customer; location: string | null }>;
  /** Codes whose request got no answer (connection reset or refused): the create may or may not have happened. */
  unanswered: string[];
  /** Answers other than 201, which no create of a fresh code should get. */
  unexpected: { code: string; status: number; body: unknown }[];
}

/** Creates fired continuously by concurrent workers until halted. */
export interface CreateLoad {
  /** Requests sent whose answer (or failure) has not been seen yet. */
  readonly inFlight: number;
  /** Settles once `count` creates have been acknowledged, or after `deadlineMs` whatever the count. */
  acknowledged(count: number, deadlineMs: number): Promise<void>;
  /** Starts no more requests; settles with the result once every request in flight has ended. */
  halt(): Promise<CreateLoadResult>;
}

const REGIONS = ['US', 'EU', 'APAC', 'LATAM'];

/**
 * Starts `workers` loops, each sending POST /customers with a fresh code (`prefix` + sequence)
 * as soon as its previous request ends, and recording what every request came to.
 */
export function startCreateLoad(options: { baseUrl: string; token: string; workers: number; prefix: string }): CreateLoad {
  const http = customersHttp(options.baseUrl, options.token);
  const result: CreateLoadResult = { sent: new Map(), acknowledged: new Map(), unanswered: [], unexpected: [] };
  const waiters: { count: number; wake: () => void }[] = [];
  let sequence = 0;
  let inFlight = 0;
  let halted = false;

  const send = async (customer: NewCustomer) => {
    result.sent.set(customer.customer_code, customer);
    inFlight += 1;
    try {
      const answer = await http.create(customer);
      if (answer.status === 201) {
        result.acknowledged.set(customer.customer_code, { body: answer.body as Customer, location: answer.location });
      } else {
        result.unexpected.push({ code: customer.customer_code, status: answer.status, body: answer.body });
      }
    } catch {
      result.unanswered.push(customer.customer_code);
    } finally {
      inFlight -= 1;
    }
    for (const waiter of waiters.filter((w) => result.acknowledged.size >= w.count)) waiter.wake();
  };
  const worker = async () => {
    while (!halted) {
      sequence += 1;
      await send({
        customer_code: `${options.prefix}${String(sequence).padStart(5, '0')}`,
        name: `Write-safety customer ${sequence}`,
        region: REGIONS[sequence % REGIONS.length]!,
      });
    }
  };
  const running = Array.from({ length: options.workers }, worker);

  return {
    get inFlight() {
      return inFlight;
    },
    acknowledged: (count, deadlineMs) =>
      new Promise<void>((resolve) => {
        if (result.acknowledged.size >= count) return resolve();
        const timer = setTimeout(wake, deadlineMs);
        function wake() {
          clearTimeout(timer);
          resolve();
        }
        waiters.push({ count, wake });
      }),
    halt: async () => {
      halted = true;
      await Promise.all(running);
      return result;
    },
  };
}
