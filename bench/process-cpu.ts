import { readFileSync } from 'node:fs';

/** Kernel clock ticks per second, as /proc reports CPU time (USER_HZ is 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** User and system CPU time a process has used, in microseconds, from /proc/<pid>/stat. */
export function cpuMicros(pid: number): { user: number; system: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const toMicros = (ticks: string) => (Number(ticks) * 1e6) / TICKS_PER_SECOND;
  return { user: toMicros(fields[11]!), system: toMicros(fields[12]!) };
}

/** User plus system CPU time of `pid` in microseconds; undefined once the process is gone (or not on this machine). */
export function totalCpuMicros(pid: number): number | undefined {
  try {
    const { user, system } = cpuMicros(pid);
    return user + system;
  } catch {
    return undefined;
  }
}
