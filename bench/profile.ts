import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { benchCases, loadBenchSettings } from './bench-config.js';
import { prepareBenchData } from './bench-data.js';
import { benchEngineFromEnv } from './bench-database.js';
import { createBenchIdentity } from './identity.js';
import { serviceLaunch } from './launches.js';
import { RESULTS_DIR, UNBUNDLED_SERVER_ENTRY } from './paths.js';
import { freePort, startServer } from './processes.js';
import { formatProfileSummary, summarizeProfileFile } from './profile-summary.js';
import { formatRun } from './report.js';
import { runLoad } from './run-case.js';

/**
 * `npx tsx bench/profile.ts [case]`: runs the production service under `node --cpu-prof`
 * (unbundled, so the summary can group functions by package),
 * loads one case (default `customers`) after a warm-up on BENCH_ENGINE's dataset, stops the service so V8 writes
 * `bench/results/<case>.cpuprofile`, and prints where the CPU time of the measured load went.
 */
async function main(): Promise<void> {
  const settings = loadBenchSettings();
  const name = process.argv[2] ?? 'customers';
  const benchCase = benchCases().find((c) => c.name === name);
  if (!benchCase)
    throw new Error(
      `unknown case ${name}; one of ${benchCases()
        .map((c) => c.name)
        .join(', ')}`,
    );

  const data = await prepareBenchData(benchEngineFromEnv(), { reuseSqlite: true });
  const profileName = `${benchCase.name}.cpuprofile`;
  rmSync(join(RESULTS_DIR, profileName), { force: true });

  const identity = await createBenchIdentity();
  const launch = serviceLaunch(
    data.database,
    identity.secret,
    settings.serviceLogLevel,
    ['--cpu-prof', `--cpu-prof-dir=${RESULTS_DIR}`, `--cpu-prof-name=${profileName}`],
    UNBUNDLED_SERVER_ENTRY,
  );
  const port = await freePort();
  const spawned = performance.now();
  const service = await startServer({ ...launch, port }, '/health', identity.headers);
  const url = `${service.baseUrl}${benchCase.path}`;
  let skipMs: number;
  try {
    await runLoad(url, identity.headers, settings.connections, settings.warmupSeconds);
    skipMs = performance.now() - spawned;
    const result = await runLoad(url, identity.headers, settings.connections, settings.durationSeconds);
    console.log(formatRun(`${benchCase.name} under --cpu-prof`, result));
  } finally {
    await service.stop();
    await data.dispose();
  }

  const file = join(RESULTS_DIR, profileName);
  if (!readdirSync(RESULTS_DIR).includes(profileName)) throw new Error(`the service wrote no profile at ${file}`);
  console.log(`profile: ${file}\n`);
  console.log(`measured load only (start-up and warm-up, the first ${skipMs.toFixed(0)} ms, left out):`);
  console.log(formatProfileSummary(summarizeProfileFile(file, skipMs), 40));
}

main().catch((error: unknown) => {
  console.error(`profile failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
