import { join } from 'node:path';

import { type BenchCase, benchCases, loadBenchSettings } from './bench-config.js';
import { prepareBenchData } from './bench-data.js';
import { benchEngineFromEnv } from './bench-database.js';
import { benchTargets, resultsFileName } from './bench-targets.js';
import { writeBenchChart } from './charts.js';
import { measureColdStarts } from './cold-start.js';
import { type CpuSplit, pinProcess, planCpuSplit } from './cpu-split.js';
import {
  type EqualLoadRound,
  equalLoadRuns,
  type EqualLoadSettings,
  formatOpenRun,
  keptRounds,
  lateSendShares,
  loadEqualLoadSettings,
  MAX_LATE_SEND_SHARE,
  roundKeptSchedule,
} from './equal-load.js';
import { calibrateRate, formatCalibration } from './equal-load-rate.js';
import { createBenchIdentity } from './identity.js';
import { formatLatencyRounds } from './latency-rounds.js';
import { floorLaunch, serviceLaunch, withHostExtraCaCerts } from './launches.js';
import { LATE_SEND_MS } from './open-loop.js';
import { runOpenLoopJobApart } from './open-loop-job.js';
import { RESULTS_DIR } from './paths.js';
import { preflight } from './preflight.js';
import { type ChildServer, freePort, startServer } from './processes.js';
import { benchResults, type CaseRuns, formatEqualLoad, formatReport, formatRun, writeResults } from './report.js';
import { sampleRss } from './rss-sampler.js';
import { runLoad } from './run-case.js';
import { median } from './stats.js';

/**
 * `make bench`: prepares the dataset, measures cold start, then loads the service and the
 * floor alternately on every case (warm-up, then `rounds` measured pairs whose order flips
 * each round) from this process, then offers both the same open-loop load (bench/equal-load.ts),
 * and prints and writes the figures.
 */
async function main(): Promise<void> {
  const settings = loadBenchSettings();
  const equalLoad = loadEqualLoadSettings();
  const engine = benchEngineFromEnv();
  const cases = benchCases();
  console.log(
    `bench on ${engine}: ${settings.connections} connections, ${settings.warmupSeconds} s warm-up, ` +
      `${settings.rounds} x ${settings.durationSeconds} s per side per case, service LOG_LEVEL=${settings.serviceLogLevel}; ` +
      `then equal load: ${equalLoad.rounds} x ${equalLoad.durationSeconds} s per side open-loop at the rate that keeps the service ${equalLoad.serviceCpu} cores busy ` +
      `(calibrated from ${equalLoad.fraction * 100}% of its closed-loop req/s), ` +
      `the sides taking turns every ${equalLoad.sliceMs} ms, up to ${equalLoad.extraRounds} void rounds run again`,
  );

  const cpuSplit = planCpuSplit();
  console.log(
    typeof cpuSplit === 'string'
      ? `equal load unpinned: ${cpuSplit}`
      : `equal load: the server in its turn on CPU ${cpuSplit.serverCpus}, the client on CPU ${cpuSplit.clientCpus} (bench/cpu-split.ts says why)`,
  );
  const data = await prepareBenchData(engine);
  console.log(`database: ${data.summary}`);

  const servers: ChildServer[] = [];
  try {
    const identity = await createBenchIdentity();
    const service = serviceLaunch(data.database, identity.secret, settings.serviceLogLevel);
    const withHostCaCerts = withHostExtraCaCerts(service);
    const [coldStarts, coldStartsWithHostCaCerts] = await measureColdStarts(
      withHostCaCerts ? [service, withHostCaCerts] : [service],
      identity.headers,
      settings.coldStarts,
    );
    console.log(`cold start: ${formatTimes(coldStarts!)} ms`);
    if (coldStartsWithHostCaCerts)
      console.log(
        `cold start with this host's NODE_EXTRA_CA_CERTS (taking turns with the above): ${formatTimes(coldStartsWithHostCaCerts)} ms`,
      );

    const serviceServer = await startServer({ ...service, port: await freePort() }, '/health', identity.headers);
    servers.push(serviceServer);
    const floorServer = await startServer({ ...floorLaunch(data.database), port: await freePort() }, '/health', {});
    servers.push(floorServer);
    const rss = sampleRss(serviceServer.pid);

    const checks = await preflight(cases, serviceServer.baseUrl, floorServer.baseUrl, identity.headers);
    console.log(
      `identity: ${checks.identityEnforced ? 'enforced (a request without a token is refused)' : 'NOT enforced: a request without a token was answered'}`,
    );
    if (checks.mismatches.length > 0)
      console.log(`warning: the floor's body differs from the service's on: ${checks.mismatches.join(', ')}`);

    const runs: CaseRuns[] = [];
    for (const benchCase of cases) {
      const run = await runCase(benchCase, serviceServer, floorServer, identity.headers, settings);
      run.equalLoad = await runEqualLoad(
        run,
        serviceServer,
        floorServer,
        identity.headers,
        settings.connections,
        equalLoad,
        typeof cpuSplit === 'string' ? undefined : cpuSplit,
      );
      runs.push(run);
    }

    const peakRssMb = rss.stop();
    const results = benchResults(
      runs,
      peakRssMb,
      median(coldStarts!),
      equalLoad.fraction,
      coldStartsWithHostCaCerts && median(coldStartsWithHostCaCerts),
    );
    const file = join(RESULTS_DIR, resultsFileName(engine));
    writeResults(file, results);
    const chart = await writeBenchChart(engine, results);
    const targets = benchTargets(engine);
    console.log(
      `\n${formatReport(runs, results, targets)}\n\n${formatEqualLoad(results, targets, equalLoad.fraction)}\n\n` +
        `closed loop, latency in rounds:\n${formatLatencyRounds(runs, settings.connections)}\nwritten to ${file} and ${chart}`,
    );
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await data.dispose();
  }
}

async function runCase(
  benchCase: BenchCase,
  service: ChildServer,
  floor: ChildServer,
  headers: Record<string, string>,
  settings: ReturnType<typeof loadBenchSettings>,
): Promise<CaseRuns> {
  const runs: CaseRuns = { benchCase, service: [], floor: [] };
  const load = (server: ChildServer, seconds: number) =>
    runLoad(`${server.baseUrl}${benchCase.path}`, headers, settings.connections, seconds);
  console.log(`\n${benchCase.name}: GET ${benchCase.path}`);
  await load(service, settings.warmupSeconds);
  await load(floor, settings.warmupSeconds);
  for (let round = 1; round <= settings.rounds; round++) {
    const order = round % 2 === 1 ? [service, floor] : [floor, service];
    for (const server of order) {
      const result = await load(server, settings.durationSeconds);
      (server === service ? runs.service : runs.floor).push(result);
      console.log(formatRun(`  round ${round} ${server.name}`, result));
    }
  }
  return runs;
}

/**
 * Offers the service and the floor the same open-loop rate (a share of the service's median
 * closed-loop req/s on this case), interleaved in slices, in rounds whose first slice goes to
 * each side in turn; with `cpuSplit`, the servers run on one CPU and the client on the others
 * for the phase (bench/cpu-split.ts says why).
 */
async function runEqualLoad(
  runs: CaseRuns,
  service: ChildServer,
  floor: ChildServer,
  headers: Record<string, string>,
  connections: number,
  settings: EqualLoadSettings,
  cpuSplit: CpuSplit | undefined,
): Promise<NonNullable<CaseRuns['equalLoad']>> {
  const closedLoopRps = median(runs.service.map((r) => r.rps));
  const calibratedFrom = Math.max(1, Math.round(settings.fraction * closedLoopRps));
  let rate = calibratedFrom;
  const rounds: EqualLoadRound[] = [];
  if (cpuSplit) for (const server of [service, floor]) pinProcess(server.pid, cpuSplit.serverCpus);
  try {
    const serviceAlone = { url: `${service.baseUrl}${runs.benchCase.path}`, pid: service.pid, headers, connections };
    const calibration = await calibrateRate(serviceAlone, rate, settings.serviceCpu, closedLoopRps, cpuSplit?.clientCpus);
    console.log(formatCalibration(calibration, settings.serviceCpu));
    rate = calibration.rate;
    // A void round (the client fell behind its schedule) is run again, up to extraRounds times.
    for (let attempt = 1; keptRounds(rounds) < settings.rounds && attempt <= settings.rounds + settings.extraRounds; attempt++) {
      const order = attempt % 2 === 1 ? [service, floor] : [floor, service];
      const urls = order.map((server) => `${server.baseUrl}${runs.benchCase.path}`);
      const { results, cpuCores } = await runOpenLoopJobApart(
        {
          urls,
          headers,
          connections,
          rate,
          durationSeconds: settings.durationSeconds,
          sliceMs: settings.sliceMs,
          pids: order.map((server) => server.pid),
        },
        cpuSplit?.clientCpus,
      );
      order.forEach((server, index) =>
        console.log(formatOpenRun(`  equal load ${attempt} ${server.name}`, results[index]!, cpuCores[index])),
      );
      const at = (server: ChildServer) => order.indexOf(server);
      const round: EqualLoadRound = {
        service: results[at(service)]!,
        floor: results[at(floor)]!,
        serviceCpu: cpuCores[at(service)]!,
        floorCpu: cpuCores[at(floor)]!,
        kept: roundKeptSchedule(results),
      };
      if (!round.kept) console.log(formatVoidRound(attempt, lateSendShares([round.service, round.floor])));
      rounds.push(round);
    }
  } finally {
    // The next case's closed loop runs unpinned, as production would.
    if (cpuSplit) for (const server of [service, floor]) pinProcess(server.pid, cpuSplit.allCpus);
  }
  return { ...equalLoadRuns(rate, rounds), serviceCpuTarget: settings.serviceCpu, calibratedFromRps: calibratedFrom };
}

function formatVoidRound(attempt: number, shares: number[]): string {
  const percent = (share: number) => `${(share * 100).toFixed(2)} %`;
  return (
    `  equal load ${attempt} is void: the client sent ${percent(shares[0]!)} (service) and ${percent(shares[1]!)} (floor) of its requests ` +
    `over ${LATE_SEND_MS} ms late (at most ${percent(MAX_LATE_SEND_SHARE)} counts); the machine stalled, so the round does not count`
  );
}

function formatTimes(times: number[]): string {
  return times.map((t) => t.toFixed(0)).join(', ');
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
