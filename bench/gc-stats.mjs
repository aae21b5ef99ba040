// Preloaded (`node --import`) into a server that bench/cpu-compare.ts measures with BENCH_GC_STATS=1:
// keeps running totals of the process's garbage collections, by kind, in GC_STATS_FILE (JSON,
// replaced after each batch of collections), so the comparison can tell how much of a request's
// CPU the collector took. Plain JavaScript, so it loads without tsx into the service's bundle.
import { renameSync, writeFileSync } from 'node:fs';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import process from 'node:process';

const file = process.env.GC_STATS_FILE;
if (file) {
  const kinds = new Map([
    [constants.NODE_PERFORMANCE_GC_MINOR, 'minor'],
    [constants.NODE_PERFORMANCE_GC_MAJOR, 'major'],
    [constants.NODE_PERFORMANCE_GC_INCREMENTAL, 'incremental'],
    [constants.NODE_PERFORMANCE_GC_WEAKCB, 'weak'],
  ]);
  const totals = { minor: { count: 0, ms: 0 }, major: { count: 0, ms: 0 }, incremental: { count: 0, ms: 0 }, weak: { count: 0, ms: 0 } };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const total = totals[kinds.get(entry.detail?.kind) ?? 'major'];
      total.count += 1;
      total.ms += entry.duration;
    }
    // Written aside and renamed over the file, so a reader never finds it half-written.
    writeFileSync(`${file}.next`, JSON.stringify(totals));
    renameSync(`${file}.next`, file);
  }).observe({ entryTypes: ['gc'] });
}
