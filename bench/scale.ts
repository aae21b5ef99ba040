import { join } from 'node:path';

import { type BenchEngine, benchPostgresUrl, describeDatabase } from './bench-database.js';
import { writeScaleChart } from './charts.js';
import { type BenchIdentity, createBenchIdentity } from './identity.js';
import { serviceLaunch } from './launches.js';
import { RESULTS_DIR } from './paths.js';
import { backendCpuBetween, PostgresBackendCpu } from './postgres-backends.js';
import { totalCpuMicros } from './process-cpu.js';
import { type ChildServer, freePort, startServer } from './processes.js';
import { writeResults } from './report.js';
import { runLoad } from './run-case.js';
import { type ScaleCaseName, scaleCases } from './scale-cases.js';
import { loadScaleSettings, type ScaleSettings } from './scale-config.js';
import { prepareScaleDataset, type ScaleDataset } from './scale-data.js';
import { checkScaleCase } from './scale-preflight.js';
import { formatScaleReport, type ScaleMeasurement, scaleMeasurement, scaleResults, type ScaleRound } from './scale-results.js';
import { writeTextResult } from './text-results.js';

/** The service of one size, and the application name its PostgreSQL connections carry. */
interface SizeServer {
  dataset: ScaleDataset;
  server: ChildServer;
  applicationName: string;
}

/**
 * `make bench-scale`: on each engine, prepares the three table sizes, starts one production
 * service per size, and loads every case on all three in turn (the order rotates each round, so
 * a noisy moment is shared out), reading the server CPU each request cost from /proc.
 * Writes bench/results/scale.json, scale.txt and the chart scale.svg.
 */
async function main(): Promise<void> {
  const settings = loadScaleSettings();
  console.log(
    `bench-scale on ${settings.engines.join(', ')}: sizes ${settings.sizes.map((s) => s.label).join(', ')}; ` +
      `${settings.connections} connections, ${settings.warmupSeconds} s warm-up, ${settings.rounds} rounds x ${settings.durationSeconds} s per size per case`,
  );
  const identity = await createBenchIdentity();
  const measurements: ScaleMeasurement[] = [];
  for (const engine of settings.engines) measurements.push(...(await measureEngine(engine, settings, identity)));
  const results = scaleResults(settings.sizes, measurements);
  const report = formatScaleReport(results);
  const file = join(RESULTS_DIR, 'scale.json');
  writeResults(file, results);
  writeTextResult(join(RESULTS_DIR, 'scale.txt'), report);
  const chart = await writeScaleChart(results);
  console.log(`\n${report}\nwritten to ${file}, scale.txt and ${chart}`);
}

async function measureEngine(engine: BenchEngine, settings: ScaleSettings, identity: BenchIdentity): Promise<ScaleMeasurement[]> {
  console.log(`\n== ${engine}`);
  const datasets: ScaleDataset[] = [];
  const sizes: SizeServer[] = [];
  const backends = engine === 'postgres' ? await PostgresBackendCpu.connect(benchPostgresUrl()) : undefined;
  try {
    for (const size of settings.sizes) {
      const dataset = await prepareScaleDataset(engine, size);
      datasets.push(dataset);
      console.log(
        `${size.label}: ${describeDatabase(dataset.database)} ${dataset.reused ? 'reused' : 'prepared'} in ${dataset.preparedInSeconds} s`,
      );
      const applicationName = `bench_scale_${size.label.toLowerCase()}_${process.pid}`;
      const launch = serviceLaunch(dataset.database, identity.secret, 'info');
      launch.env.PGAPPNAME = applicationName;
      sizes.push({
        dataset,
        applicationName,
        server: await startServer({ ...launch, port: await freePort() }, '/health', identity.headers),
      });
    }
    const measurements: ScaleMeasurement[] = [];
    for (const caseName of scaleCases(settings.sizes[0]!).map((c) => c.name)) {
      measurements.push(...(await measureCase(engine, caseName, sizes, settings, identity, backends)));
    }
    return measurements;
  } finally {
    await Promise.all(sizes.map((s) => s.server.stop()));
    await Promise.all(datasets.map((d) => d.dispose()));
    await backends?.close();
  }
}

async function measureCase(
  engine: BenchEngine,
  caseName: ScaleCaseName,
  sizes: SizeServer[],
  settings: ScaleSettings,
  identity: BenchIdentity,
  backends: PostgresBackendCpu | undefined,
): Promise<ScaleMeasurement[]> {
  console.log(`\n${caseName}`);
  const runs = sizes.map((s) => {
    const scaleCase = scaleCases(s.dataset.size).find((c) => c.name === caseName)!;
    return { engine, caseName, size: s.dataset.size, path: scaleCase.path, scaleCase, sizeServer: s, rounds: [] as ScaleRound[] };
  });
  for (const run of runs) {
    await checkScaleCase(run.sizeServer.server.baseUrl, run.scaleCase, identity.headers);
    await runLoad(run.sizeServer.server.baseUrl + run.path, identity.headers, settings.connections, settings.warmupSeconds);
  }
  for (let round = 0; round < settings.rounds; round++) {
    for (let i = 0; i < runs.length; i++) {
      const run = runs[(i + round) % runs.length]!;
      const measured = await measureRound(run.sizeServer, run.path, settings, identity, backends);
      run.rounds.push(measured);
      const database =
        measured.databaseCpuMicros === undefined ? '' : ` (database ${(measured.databaseCpuMicros / measured.requests).toFixed(0)} us)`;
      console.log(
        `  round ${round + 1} ${run.size.label.padEnd(5)} CPU/request ${((measured.serviceCpuMicros + (measured.databaseCpuMicros ?? 0)) / measured.requests).toFixed(0).padStart(6)} us${database}` +
          `  ${measured.rps.toFixed(0)} req/s  p50 ${measured.p50Ms} ms  p99 ${measured.p99Ms} ms  errors ${measured.errors}`,
      );
    }
  }
  return runs.map(scaleMeasurement);
}

async function measureRound(
  size: SizeServer,
  path: string,
  settings: ScaleSettings,
  identity: BenchIdentity,
  backends: PostgresBackendCpu | undefined,
): Promise<ScaleRound> {
  const serviceBefore = totalCpuMicros(size.server.pid)!;
  const databaseBefore = await backends?.sample(size.applicationName);
  const load = await runLoad(size.server.baseUrl + path, identity.headers, settings.connections, settings.durationSeconds);
  const serviceAfter = totalCpuMicros(size.server.pid)!;
  const databaseAfter = await backends?.sample(size.applicationName);
  return {
    serviceCpuMicros: serviceAfter - serviceBefore,
    databaseCpuMicros: databaseBefore && databaseAfter ? backendCpuBetween(databaseBefore, databaseAfter) : undefined,
    requests: load.requests,
    rps: load.rps,
    p50Ms: load.p50Ms,
    p99Ms: load.p99Ms,
    errors: load.errors,
  };
}

main().catch((error: unknown) => {
  console.error(`bench-scale failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
