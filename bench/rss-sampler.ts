import { readFileSync } from 'node:fs';

/** Watches one process's resident memory. */
export interface RssSampler {
  /** Stops sampling and returns the peak in MB (the kernel's high-water mark when it is larger). */
  stop(): number;
}

/**
 * Samples VmRSS of `pid` from /proc every `intervalMs` and also reads VmHWM (the kernel's own
 * peak), so short spikes between samples still count. Linux only; elsewhere the peak is NaN.
 */
export function sampleRss(pid: number, intervalMs = 200): RssSampler {
  let peakKb = 0;
  const read = () => {
    const status = readStatus(pid);
    if (status) peakKb = Math.max(peakKb, status.rssKb, status.hwmKb);
  };
  read();
  const timer = setInterval(read, intervalMs);
  timer.unref();
  return {
    stop() {
      read();
      clearInterval(timer);
      return peakKb === 0 ? Number.NaN : peakKb / 1024;
    },
  };
}

function readStatus(pid: number): { rssKb: number; hwmKb: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    return { rssKb: field(text, 'VmRSS'), hwmKb: field(text, 'VmHWM') };
  } catch {
    return undefined;
  }
}

function field(text: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}
