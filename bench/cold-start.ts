import { freePort, type ServerLaunch, spawnServer, stopChild, waitForOk } from './processes.js';

/**
 * Cold start: milliseconds from spawning a fresh service process to its first 200 on
 * `/health`, `samples` times for each of `launches`. The launches take turns (one start of
 * each, then the next round), so that a slow spell of the machine falls on all of them alike;
 * each process is stopped before the next starts. One list of times per launch, in its order.
 */
export async function measureColdStarts(
  launches: Omit<ServerLaunch, 'port'>[],
  headers: Record<string, string>,
  samples: number,
): Promise<number[][]> {
  await warmFetch();
  const times = launches.map((): number[] => []);
  for (let i = 0; i < samples; i++) {
    for (const [index, launch] of launches.entries()) times[index]!.push(await coldStart(launch, headers));
  }
  return times;
}

async function coldStart(launch: Omit<ServerLaunch, 'port'>, headers: Record<string, string>): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const { child, stderr } = spawnServer({ ...launch, port });
  try {
    const ready = await waitForOk(`http://127.0.0.1:${port}/health`, headers, child, 15_000, 2);
    return ready - started;
  } catch (error) {
    throw new Error(`cold start failed: ${(error as Error).message}\n${stderr()}`, { cause: error });
  } finally {
    await stopChild(child);
  }
}

/** Loads fetch's implementation up front so its first use is not charged to the service. */
async function warmFetch(): Promise<void> {
  const port = await freePort();
  await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined);
}
