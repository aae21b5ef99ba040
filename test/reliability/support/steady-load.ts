import { setTimeout as sleep } from 'node:timers/promises';

/** One request of a steady load: when it was sent and answered (performance.now() ms), and its status (0: no answer). */
export interface LoadSample {
  started: number;
  ended: number;
  status: number;
}

/** A load running in the background; `stop` ends it and resolves with every sample. */
export interface SteadyLoad {
  readonly samples: readonly LoadSample[];
  stop(): Promise<LoadSample[]>;
}

/**
 * `workers` callers each sending GET `url` with `headers` back to back, `pauseMs` apart, until
 * stopped; every request has a time bound so a hang shows up as a failed sample, never a stuck test.
 */
export function steadyLoad(
  url: string,
  options: { workers: number; pauseMs: number; headers?: Record<string, string>; timeoutMs: number },
): SteadyLoad {
  const samples: LoadSample[] = [];
  let running = true;
  const worker = async () => {
    while (running) {
      const started = performance.now();
      let status: number;
      try {
        const res = await fetch(url, { headers: options.headers, signal: AbortSignal.timeout(options.timeoutMs) });
        await res.arrayBuffer();
        status = res.status;
      } catch {
        status = 0;
      }
      samples.push({ started, ended: performance.now(), status });
      await sleep(options.pauseMs);
    }
  };
  const done = Promise.all(Array.from({ length: options.workers }, worker));
  return {
    samples,
    async stop() {
      running = false;
      await done;
      return samples;
    },
  };
}

/** Milliseconds from `since` to the first answer of `status` among requests sent at or after it; undefined if none. */
export function firstAnswerAfter(samples: readonly LoadSample[], since: number, status: number): number | undefined {
  const ends = samples.filter((s) => s.started >= since && s.status === status).map((s) => s.ended - since);
  return ends.length === 0 ? undefined : Math.min(...ends);
}
