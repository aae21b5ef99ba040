import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * How the equal-load phase shares this machine's CPUs: the server under test on one, the
 * open-loop client on the others, as if the client ran on a host of its own. Unpinned on two
 * cores, the client's bursts of sends and reads took the core the server was about to run on,
 * and that wait landed on the server's latency (the busier server, the more often). Measured on
 * /health at 12,500 req/s, 2 x 10 s (a throwaway diagnostic): pinned, the service's p99 was 6.7
 * and 6.8 ms in two runs and the floor's 4.3 and 5.8; unpinned, 8.0 and 20.6 against 8.6 and 10.8.
 */
export interface CpuSplit {
  /** The CPU the servers run on while they are offered the load. */
  serverCpus: string;
  /** The CPUs the client runs on. */
  clientCpus: string;
  /** Every CPU this process may use, to give the servers back afterwards. */
  allCpus: string;
}

/** The split, or why there is none: fewer than two CPUs, or no `taskset` (util-linux). */
export function planCpuSplit(statusText = readStatus()): CpuSplit | string {
  const listed = /^Cpus_allowed_list:\s*(\S+)/m.exec(statusText)?.[1];
  if (!listed) return 'this system does not say which CPUs a process may use (/proc/self/status)';
  const cpus = expandCpuList(listed);
  if (cpus.length < 2) return `only one CPU (${listed}) is available`;
  if (!hasTaskset()) return 'taskset (util-linux) is not installed';
  return { serverCpus: String(cpus[0]), clientCpus: cpus.slice(1).join(','), allCpus: listed };
}

/** `0-2,5` as [0, 1, 2, 5]. */
export function expandCpuList(list: string): number[] {
  return list.split(',').flatMap((part) => {
    const [from, to] = part.split('-').map(Number);
    if (!Number.isInteger(from)) return [];
    const last = Number.isInteger(to) ? to! : from!;
    return Array.from({ length: last - from! + 1 }, (_, i) => from! + i);
  });
}

/** Pins every thread of `pid` to `cpus` (a taskset list). */
export function pinProcess(pid: number, cpus: string): void {
  execFileSync('taskset', ['--all-tasks', '--cpu-list', '--pid', cpus, String(pid)], { stdio: 'ignore' });
}

/** `command` run on `cpus` only, as the argv of a process to spawn. */
export function onCpus(cpus: string, command: string, args: string[]): [string, string[]] {
  return ['taskset', ['--cpu-list', cpus, command, ...args]];
}

function readStatus(): string {
  try {
    return readFileSync('/proc/self/status', 'utf8');
  } catch {
    return '';
  }
}

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
