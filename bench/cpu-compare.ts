import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { benchCases } from './bench-config.js';
import { prepareBenchData } from './bench-data.js';
import { benchEngineFromEnv, benchPostgresUrl } from './bench-database.js';
import { createBenchIdentity } from './identity.js';
import { floorLaunch, serviceLaunch } from './launches.js';
import { ROOT } from './paths.js';
import { backendCpuBetween, PostgresBackendCpu } from './postgres-backends.js';
import { cpuMicros } from './process-cpu.js';
import { type ChildServer, freePort, startServer } from './processes.js';
import { runLoad } from './run-case.js';
import { median } from './stats.js';

const USAGE = `usage: [BENCH_ENGINE=postgres] npx tsx bench/cpu-compare.ts <case> <rounds> <seconds> <label>=<bundle under dist/|floor>[@<node flag>,...] ...
  BENCH_GC_STATS=1 also loads bench/gc-stats.mjs into each contender and prints its collections per request
  e.g. (git stash; npx tsx scripts/build/bundle-server.ts dist/before/server.cjs; git stash pop; make build)
       npx tsx bench/cpu-compare.ts customers 7 3 before=dist/before/server.cjs after=dist/server.cjs floor=floor
  (a folder of its own: an entry runs the server-bundle.cjs beside it)
  node flags after @ are added to package.json's config.nodeFlags (a later flag wins):
       npx tsx bench/cpu-compare.ts customers 7 3 semi8=dist/server.cjs semi16=dist/server.cjs@--max-semi-space-size=16`;

/** One contender: a server under a label, and what each of its rounds measured. */
interface Contender {
  label: string;
  server: ChildServer;
  cpuPerRequest: number[];
  systemPerRequest: number[];
  /** On PostgreSQL: the CPU its database backends spent per request. */
  databasePerRequest: number[];
  rps: number[];
  /** The application_name its PostgreSQL connections carry (PGAPPNAME). */
  applicationName: string;
  /** With BENCH_GC_STATS=1: where bench/gc-stats.mjs keeps its totals, and what each round's collections cost. */
  gcStatsFile?: string;
  gcPerRequest: GcPerRequest[];
}

/** Collections per 1000 requests and their milliseconds per request, over one round. */
interface GcPerRequest {
  minorPer1000: number;
  minorUs: number;
  majorPer1000: number;
  majorUs: number;
}

type GcTotals = Record<'minor' | 'major' | 'incremental' | 'weak', { count: number; ms: number }>;

function readGcTotals(file: string | undefined): GcTotals | undefined {
  if (!file || !existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as GcTotals;
}

function gcBetween(before: GcTotals | undefined, after: GcTotals | undefined, requests: number): GcPerRequest | undefined {
  if (!after || requests === 0) return undefined;
  const zero = { count: 0, ms: 0 };
  const delta = (kind: keyof GcTotals) => ({
    count: after[kind].count - (before?.[kind] ?? zero).count,
    ms: after[kind].ms - (before?.[kind] ?? zero).ms,
  });
  const minor = delta('minor');
  // Incremental marking steps belong to the major collections they prepare.
  const major = delta('major');
  const incremental = delta('incremental');
  return {
    minorPer1000: (minor.count * 1000) / requests,
    minorUs: (minor.ms * 1000) / requests,
    majorPer1000: (major.count * 1000) / requests,
    majorUs: ((major.ms + incremental.ms) * 1000) / requests,
  };
}

/**
 * Server CPU time per request of several builds of the service (and the floor), side by side:
 * every contender runs at once on the benchmark database and they take turns under the same
 * load. CPU per request, read from /proc, holds far steadier on these noisy machines than
 * req/s, so A/B comparisons of one change (each commit's before/after figures) use it.
 */
async function main(): Promise<void> {
  const [caseName, roundsArg, secondsArg, ...entries] = process.argv.slice(2);
  const benchCase = benchCases().find((c) => c.name === caseName);
  const rounds = Number(roundsArg);
  const seconds = Number(secondsArg);
  if (!benchCase || !(rounds > 0) || !(seconds > 0) || entries.length === 0) throw new Error(USAGE);
  const engine = benchEngineFromEnv();
  const data = await prepareBenchData(engine, { reuseSqlite: true });
  const backends = engine === 'postgres' ? await PostgresBackendCpu.connect(benchPostgresUrl()) : undefined;
  const database = data.database;
  const identity = await createBenchIdentity();
  const contenders: Contender[] = [];
  const gcStatsDir = process.env.BENCH_GC_STATS === '1' ? mkdtempSync(join(tmpdir(), 'cpu-compare-gc-')) : undefined;
  try {
    for (const entry of entries) {
      const [label, spec] = entry.split(/=(.*)/s);
      const [file, flags] = (spec ?? '').split('@');
      if (!label || !file) throw new Error(USAGE);
      const gcStatsFile = gcStatsDir && join(gcStatsDir, `${contenders.length}.json`);
      const nodeFlags = [
        ...(gcStatsFile ? [`--import=${join(ROOT, 'bench', 'gc-stats.mjs')}`] : []),
        ...(flags ? flags.split(',').filter(Boolean) : []),
      ];
      const launch =
        file === 'floor' ? floorLaunch(database, nodeFlags) : serviceLaunch(database, identity.secret, 'info', nodeFlags, file);
      const applicationName = `cpu_compare_${contenders.length}`;
      const server = await startServer(
        {
          ...launch,
          env: { ...launch.env, PGAPPNAME: applicationName, ...(gcStatsFile ? { GC_STATS_FILE: gcStatsFile } : {}) },
          port: await freePort(),
        },
        '/health',
        identity.headers,
      );
      contenders.push({
        label,
        server,
        cpuPerRequest: [],
        systemPerRequest: [],
        databasePerRequest: [],
        rps: [],
        applicationName,
        gcStatsFile,
        gcPerRequest: [],
      });
    }
    for (const c of contenders) await runLoad(c.server.baseUrl + benchCase.path, identity.headers, 32, 2);
    for (let round = 0; round < rounds; round++) {
      for (const c of contenders) {
        const databaseBefore = await backends?.sample(c.applicationName);
        const gcBefore = readGcTotals(c.gcStatsFile);
        const before = cpuMicros(c.server.pid);
        const load = await runLoad(c.server.baseUrl + benchCase.path, identity.headers, 32, seconds);
        const after = cpuMicros(c.server.pid);
        const gc = gcBetween(gcBefore, readGcTotals(c.gcStatsFile), load.requests);
        if (gc) c.gcPerRequest.push(gc);
        const databaseAfter = await backends?.sample(c.applicationName);
        if (databaseBefore && databaseAfter) c.databasePerRequest.push(backendCpuBetween(databaseBefore, databaseAfter) / load.requests);
        c.cpuPerRequest.push((after.user + after.system - before.user - before.system) / load.requests);
        c.systemPerRequest.push((after.system - before.system) / load.requests);
        c.rps.push(load.rps);
      }
    }
    console.log(`${benchCase.name}: ${benchCase.path}, ${rounds} rounds of ${seconds} s each, 32 connections`);
    for (const c of contenders) {
      const rounds = c.cpuPerRequest.map((us) => us.toFixed(0)).join(' ');
      console.log(
        `${c.label.padEnd(12)} CPU/request median ${median(c.cpuPerRequest).toFixed(1)} us (system ${median(c.systemPerRequest).toFixed(1)})` +
          (c.databasePerRequest.length > 0 ? `  database ${median(c.databasePerRequest).toFixed(1)} us` : '') +
          `  req/s median ${median(c.rps).toFixed(0)}  [${rounds}]`,
      );
      if (c.gcPerRequest.length > 0) {
        const m = (pick: (gc: GcPerRequest) => number) => median(c.gcPerRequest.map(pick));
        console.log(
          `${''.padEnd(12)} GC/request median: minor ${m((g) => g.minorUs).toFixed(1)} us (${m((g) => g.minorPer1000).toFixed(1)} per 1000 requests), ` +
            `major ${m((g) => g.majorUs).toFixed(1)} us (${m((g) => g.majorPer1000).toFixed(2)} per 1000 requests)`,
        );
      }
    }
  } finally {
    await Promise.all(contenders.map((c) => c.server.stop()));
    await backends?.close();
    await data.dispose();
    if (gcStatsDir) rmSync(gcStatsDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
