import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** The parts of a V8 `.cpuprofile` (Chrome DevTools format) this summary reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** Time attributed to one function or one package, in microseconds. */
export interface ProfileEntry {
  key: string;
  selfUs: number;
  totalUs: number;
}

/** Self and inclusive time by function and by package; idle time is excluded from `busyUs`. */
export interface ProfileSummary {
  busyUs: number;
  idleUs: number;
  functions: ProfileEntry[];
  packages: ProfileEntry[];
}

/**
 * Aggregates a `.cpuprofile`: each sample's interval is charged as self time to its leaf
 * function and as total (inclusive) time, once, to every distinct function on its stack.
 * Samples in the first `skipMs` (start-up, warm-up) are left out.
 */
export function summarizeProfile(profile: CpuProfile, skipMs = 0): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const functions = new Map<string, ProfileEntry>();
  const packages = new Map<string, ProfileEntry>();
  let busyUs = 0;
  let idleUs = 0;

  let elapsedUs = 0;
  profile.samples.forEach((leafId, i) => {
    elapsedUs += profile.timeDeltas[i] ?? 0;
    if (elapsedUs < skipMs * 1000) return;
    // timeDeltas[i] is the gap before sample i, so the interval a sample stands for follows it.
    const us = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
    const leaf = byId.get(leafId)!;
    if (leaf.callFrame.functionName === '(idle)') {
      idleUs += us;
      return;
    }
    busyUs += us;
    charge(functions, functionKey(leaf.callFrame), us, true);
    charge(packages, packageOf(leaf.callFrame), us, true);
    const seenFunctions = new Set([functionKey(leaf.callFrame)]);
    const seenPackages = new Set([packageOf(leaf.callFrame)]);
    for (let id = parent.get(leafId); id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)!.callFrame;
      const fn = functionKey(frame);
      const pkg = packageOf(frame);
      if (!seenFunctions.has(fn)) {
        seenFunctions.add(fn);
        charge(functions, fn, us, false);
      }
      if (!seenPackages.has(pkg)) {
        seenPackages.add(pkg);
        charge(packages, pkg, us, false);
      }
    }
  });
  const sorted = (m: Map<string, ProfileEntry>) => [...m.values()].sort((a, b) => b.selfUs - a.selfUs);
  return { busyUs, idleUs, functions: sorted(functions), packages: sorted(packages) };
}

function charge(entries: Map<string, ProfileEntry>, key: string, us: number, self: boolean): void {
  let entry = entries.get(key);
  if (!entry) entries.set(key, (entry = { key, selfUs: 0, totalUs: 0 }));
  entry.totalUs += us;
  if (self) entry.selfUs += us;
}

function functionKey(frame: CpuProfile['nodes'][number]['callFrame']): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  return `${name} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
}

/** `express`, `@scope/pkg`, `node:internal/...` -> `node core`, service files by path, or the V8 pseudo-frame. */
function packageOf(frame: CpuProfile['nodes'][number]['callFrame']): string {
  const url = frame.url;
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  if (url.startsWith('node:')) return 'node core';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [first, second] = url.slice(modules + '/node_modules/'.length).split('/');
    return first!.startsWith('@') ? `${first}/${second}` : first!;
  }
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? `service ${url.slice(dist + 1).replace(/\/[^/]+$/, '/')}` : shortUrl(url);
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) return url.slice(modules + '/node_modules/'.length);
  const dist = url.indexOf('/dist/');
  if (dist >= 0) return url.slice(dist + 1);
  return url.replace(/^file:\/\//, '');
}

/** The summary as text: the top `top` functions by self time and every package. */
export function formatProfileSummary(summary: ProfileSummary, top = 30): string {
  const pct = (us: number) => `${((100 * us) / summary.busyUs).toFixed(1).padStart(5)}%`;
  const lines = [
    `busy ${(summary.busyUs / 1e6).toFixed(2)} s, idle ${(summary.idleUs / 1e6).toFixed(2)} s (percentages are of busy time)`,
    '',
    'self    total   function',
    ...summary.functions.slice(0, top).map((e) => `${pct(e.selfUs)} ${pct(e.totalUs)}  ${e.key}`),
    '',
    'self    total   package',
    ...summary.packages.map((e) => `${pct(e.selfUs)} ${pct(e.totalUs)}  ${e.key}`),
  ];
  return lines.join('\n');
}

/** Reads and summarizes a `.cpuprofile` file. */
export function summarizeProfileFile(file: string, skipMs = 0): ProfileSummary {
  return summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, skipMs);
}

// `tsx bench/profile-summary.ts <file.cpuprofile> [top] [skip-ms]`
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file, top, skipMs] = process.argv.slice(2);
  if (!file) {
    console.error('usage: tsx bench/profile-summary.ts <file.cpuprofile> [top] [skip-ms]');
    process.exit(2);
  }
  console.log(formatProfileSummary(summarizeProfileFile(file, Number(skipMs ?? 0)), Number(top ?? 30)));
}
