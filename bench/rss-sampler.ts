import { readFileSync } from 'node:fs';

/** One reading of a process's resident memory. */
export interface RssSample {
  /** Milliseconds since sampling started. */
  atMs: number;
  rssMb: number;
}

/** Watches one process's resident memory. */
export interface RssSampler {
  /** Stops sampling and returns the peak in MB (the kernel's high-water mark when it is larger). */
  stop(): number;
  /** Every reading so far, oldest first (a time series for a soak; the bench only needs the peak). */
  samples(): readonly RssSample[];
}

/**
 * Samples VmRSS of `pid` from /proc every `intervalMs` and also reads VmHWM (the kernel's own
 * peak), so short spikes between samples still count. Linux only; elsewhere the peak is NaN
 * and there are no samples.
 */
export function sampleRss(pid: number, intervalMs = 200): RssSampler {
  const started = performance.now();
  const series: RssSample[] = [];
  let peakKb = 0;
  const read = () => {
    const status = readStatus(pid);
    if (!status) return;
    peakKb = Math.max(peakKb, status.rssKb, status.hwmKb);
    series.push({ atMs: performance.now() - started, rssMb: status.rssKb / 1024 });
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
    samples: () => series,
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
