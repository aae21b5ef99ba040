import { freePort, type ServerLaunch, spawnServer, stopChild, waitForOk } from './processes.js';

/**
 * Cold start: milliseconds from spawning a fresh service process to its first 200 on
 * `/health`, once per sample. Each process is stopped before the next starts.
 */
export async function measureColdStarts(
  launch: Omit<ServerLaunch, 'port'>,
  headers: Record<string, string>,
  samples: number,
): Promise<number[]> {
  await warmFetch();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const port = await freePort();
    const started = performance.now();
    const { child, stderr } = spawnServer({ ...launch, port });
    try {
      const ready = await waitForOk(`http://127.0.0.1:${port}/health`, headers, child, 15_000, 2);
      times.push(ready - started);
    } catch (error) {
      throw new Error(`cold start failed: ${(error as Error).message}\n${stderr()}`, { cause: error });
    } finally {
      await stopChild(child);
    }
  }
  return times;
}

/** Loads fetch's implementation up front so its first use is not charged to the service. */
async function warmFetch(): Promise<void> {
  const port = await freePort();
  await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined);
}
