import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

import { ROOT } from './paths.js';

/** A server running in its own child process. */
export interface ChildServer {
  name: string;
  baseUrl: string;
  pid: number;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** How to start one server process. */
export interface ServerLaunch {
  name: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  port: number;
}

/** A TCP port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Spawns `node <args>` with stdout discarded and stderr kept for failure messages. */
export function spawnServer(launch: ServerLaunch): { child: ChildProcess; stderr: () => string } {
  const child = spawn(process.execPath, launch.args, {
    cwd: ROOT,
    env: { ...launch.env, HOST: '127.0.0.1', PORT: String(launch.port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let tail = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-4000);
  });
  return { child, stderr: () => tail };
}

/**
 * Polls `url` until it answers 200 and returns when it did (performance.now()); fails when the
 * process exits first or `timeoutMs` passes.
 */
export async function waitForOk(
  url: string,
  headers: Record<string, string>,
  child: ChildProcess,
  timeoutMs = 15_000,
  intervalMs = 5,
): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  let last = 'no answer';
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`exited (${child.exitCode ?? child.signalCode}) before answering`);
    try {
      const response = await fetch(url, { headers });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now();
      last = `status ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(intervalMs);
  }
  throw new Error(`no 200 from ${url} within ${timeoutMs} ms (last: ${last})`);
}

/** Starts a server and waits until `readyPath` answers 200. */
export async function startServer(launch: ServerLaunch, readyPath: string, headers: Record<string, string>): Promise<ChildServer> {
  const { child, stderr } = spawnServer(launch);
  const baseUrl = `http://127.0.0.1:${launch.port}`;
  try {
    await waitForOk(`${baseUrl}${readyPath}`, headers, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${launch.name} did not start: ${(error as Error).message}\n${stderr()}`, { cause: error });
  }
  return { name: launch.name, baseUrl, pid: child.pid!, stop: (graceMs) => stopChild(child, graceMs) };
}

/** Stops a child process: SIGTERM, then SIGKILL if it lingers. */
export async function stopChild(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
