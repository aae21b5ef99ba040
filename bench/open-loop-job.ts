import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { onCpus } from './cpu-split.js';
import { type OpenLoopResult, runInterleavedOpenLoad } from './open-loop.js';
import { ROOT } from './paths.js';
import { totalCpuMicros } from './process-cpu.js';

/** One interleaved open-loop run (bench/open-loop.ts) and the server processes whose CPU it measures. */
export interface OpenLoopJob {
  urls: string[];
  headers: Record<string, string>;
  connections: number;
  rate: number;
  durationSeconds: number;
  sliceMs: number;
  /** The process of each URL's server, in the same order. */
  pids: number[];
}

export interface OpenLoopOutcome {
  results: OpenLoopResult[];
  /**
   * Per server, its CPU time over the time it was sent to (its share of the run), in cores: how
   * busy the same rate keeps each, which is what its queueing follows.
   */
  cpuCores: number[];
}

/** Runs `job` in this process. */
export async function runOpenLoopJob(job: OpenLoopJob): Promise<OpenLoopOutcome> {
  const cpuBefore = job.pids.map((pid) => totalCpuMicros(pid) ?? Number.NaN);
  const started = performance.now();
  const results = await runInterleavedOpenLoad(job.urls, job.headers, job.connections, job.rate, job.durationSeconds, job.sliceMs);
  const turnMicros = ((performance.now() - started) * 1000) / job.urls.length;
  const cpuCores = job.pids.map((pid, index) => ((totalCpuMicros(pid) ?? Number.NaN) - cpuBefore[index]!) / turnMicros);
  return { results, cpuCores };
}

/**
 * Runs `job` in a new process (bench/open-loop-child.ts says why), on `clientCpus` only when
 * given (a taskset list; bench/cpu-split.ts), and returns what it measured.
 */
export function runOpenLoopJobApart(job: OpenLoopJob, clientCpus?: string): Promise<OpenLoopOutcome> {
  return new Promise((resolve, reject) => {
    const args = ['--import', 'tsx', join(ROOT, 'bench', 'open-loop-child.ts'), JSON.stringify(job)];
    const [command, argv] = clientCpus ? onCpus(clientCpus, process.execPath, args) : [process.execPath, args];
    const child = spawn(command, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0) {
        reject(new Error(`the open-loop client exited (${code ?? signal}): ${stderr.trim()}`));
        return;
      }
      // JSON has no NaN: a percentile of no answers was written as null.
      resolve(JSON.parse(stdout, (_key, value: unknown) => (value === null ? Number.NaN : value)) as OpenLoopOutcome);
    });
  });
}
