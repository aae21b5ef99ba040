import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';

import Database from 'better-sqlite3';

import { createBenchIdentity, mintToken, newSigningSecret } from './identity.js';
import { serviceLaunch } from './launches.js';
import { DATA_DIR, RESULTS_DIR, ROOT } from './paths.js';
import { prepareBenchDatabase } from './prepare-db.js';
import { freePort, startServer } from './processes.js';
import { writeResults } from './report.js';
import { sampleRss } from './rss-sampler.js';
import { loadSoakSettings } from './soak-config.js';
import { runSoakLoad } from './soak-load.js';
import { judgeRssGrowth } from './soak-memory.js';
import { rejectedWritePrefix, type SoakVariant, soakVariants, writePrefix } from './soak-mix.js';
import { formatSoakReport } from './soak-report.js';
import { soakResults, type WrittenRows } from './soak-results.js';

/** The soak's caller may read and write. */
const SOAK_SCOPES = 'customers:read customers:write timeseries:read';

/**
 * `make soak`: prepares the bench dataset in its own file, starts the production service the
 * way the bench does, sends it SOAK_DURATION seconds of mixed traffic (reads, writes, invalid
 * and unauthenticated requests) while reading its RSS, then writes and prints the figures and
 * exits 1 when a criterion fails.
 */
async function main(): Promise<void> {
  const settings = loadSoakSettings();
  const runId = Date.now().toString(36).toUpperCase();
  const db = prepareBenchDatabase(join(DATA_DIR, 'soak.sqlite'));
  const identity = await createBenchIdentity({ scopes: SOAK_SCOPES });
  const tokens = {
    caller: identity.token,
    expired: await mintToken(identity.secret, { scopes: SOAK_SCOPES, ttlSeconds: -3600 }),
    foreignSigned: await mintToken(newSigningSecret(), { scopes: SOAK_SCOPES }),
  };
  const variants = soakVariants(tokens, runId);
  const launch = serviceLaunch(db.file, identity.secret, settings.serviceLogLevel);
  const header = [
    `soak: ${settings.durationSeconds} s of mixed load over ${settings.connections} keep-alive connections (autocannon, from the soak process), ` +
      `${new Date().toISOString()}, node ${process.version}, ${cpus().length} CPUs, load average ${loadAverage()} before`,
    `service: the production build as the bench launches it (NODE_ENV=production, ${launch.args.slice(0, -1).join(' ')}, request and ` +
      `response validation, HS256 bearer identity with a per-run secret, LOG_LEVEL=${settings.serviceLogLevel}), ` +
      `RATE_LIMIT_PER_MINUTE=${launch.env.RATE_LIMIT_PER_MINUTE} per caller (the bench's ceiling, which one load generator cannot reach, so 429s do not crowd out the mix)`,
    `database: ${relative(ROOT, db.file)}: ${db.customers} customers ${JSON.stringify(db.customersPerRegion)}, ${db.randomNumberDays} days of random numbers`,
  ];
  console.log(header.join('\n'));

  const server = await startServer({ ...launch, port: await freePort() }, '/health', identity.headers);
  let stopped = false;
  try {
    // A different run id, so the check's own writes do not count as the soak's.
    await checkEveryVariantOnce(server.baseUrl, soakVariants(tokens, `${runId}P`));
    console.log(`loading for ${settings.durationSeconds} s ...`);
    const rss = sampleRss(server.pid, settings.rssIntervalMs);
    const load = await runSoakLoad(server.baseUrl, variants, settings);
    const peakRssMb = rss.stop();
    await server.stop();
    stopped = true;

    const results = soakResults({
      settings,
      rateLimitPerMinute: launch.env.RATE_LIMIT_PER_MINUTE ?? 'unset',
      variants,
      load,
      rssSamples: rss.samples(),
      peakRssMb,
      rss: judgeRssGrowth(rss.samples(), settings.durationSeconds, settings.warmupSeconds),
      rows: countWrittenRows(db.file, runId),
    });
    // Other work on the machine skews latency; the load average says how much there was.
    const report = formatSoakReport(results, [...header, `load average (1/5/15 min) when the load stopped: ${loadAverage()}`]);
    writeResults(join(RESULTS_DIR, 'soak.json'), results);
    writeFileSync(join(RESULTS_DIR, 'soak.txt'), `${report}\n`);
    console.log(`\n${report.split('\n').slice(header.length).join('\n')}\nwritten to bench/results/soak.json and soak.txt`);
    if (!results.pass) process.exitCode = 1;
  } finally {
    if (!stopped) await server.stop();
  }
}

/** Sends each variant once before the load and says which answer differently than expected (the soak then counts them). */
async function checkEveryVariantOnce(baseUrl: string, variants: readonly SoakVariant[]): Promise<void> {
  for (const variant of variants) {
    const request = variant.build(0);
    const response = await fetch(`${baseUrl}${request.path}`, {
      method: request.method ?? 'GET',
      headers: request.headers ?? {},
      body: request.body ?? null,
    });
    const body = await response.text();
    if (!variant.expected.includes(response.status)) {
      console.log(`warning: ${variant.name} answered ${response.status}, expected ${variant.expected.join('/')}: ${body.slice(0, 300)}`);
    }
  }
}

function loadAverage(): string {
  return loadavg()
    .map((n) => n.toFixed(2))
    .join('/');
}

function countWrittenRows(file: string, runId: string): WrittenRows {
  const db = new Database(file, { readonly: true });
  try {
    const count = db.prepare('select count(*) as n from customers where substr(customer_code, 1, length(?)) = ?');
    const rows = (prefix: string) => (count.get(prefix, prefix) as { n: number }).n;
    return { created: rows(writePrefix(runId)), createdWithoutCredentials: rows(rejectedWritePrefix(runId)) };
  } finally {
    db.close();
  }
}

main().catch((error: unknown) => {
  console.error(`soak failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
