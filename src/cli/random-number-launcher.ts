import { ConfigError } from '../config.js';
import { runProducer } from '../data/data-node/data-node-producer.js';
import { randomNumberNode } from '../data/tables/random-number-node.js';
import { randomNumberProducer } from '../services/random-number-producer.js';
import { DAY_MS, parseUtcDate, startOfUtcDay } from '../services/utc-days.js';
import { openConfiguredStorage } from '../startup/configured-storage.js';
import { runCli } from '../startup/run-cli.js';

/**
 * Publishes one random number per UTC day into `example_random_number_{project}_0.0`, from
 * RANDOM_NUMBERS_START_DATE (or RANDOM_NUMBERS_DAYS_BACK days ago, default 365) up to today.
 * A rerun writes only the days that are missing.
 */
runCli(async () => {
  const { config, storage } = await openConfiguredStorage();
  const today = startOfUtcDay(new Date());
  const firstDay = firstDayFromEnv(today);
  const node = randomNumberNode(config.projectId);
  console.log(`producing ${node.identifier} from ${firstDay.toISOString().slice(0, 10)} to ${today.toISOString().slice(0, 10)}`);
  const summary = await runProducer(storage, randomNumberProducer(node, { firstDay, lastDay: today }), {
    onProgress: (written, total) => console.log(`  wrote ${written} of ${total} days`),
  });
  const range = summary.last ? `; series now ends ${summary.last.toISOString().slice(0, 10)}` : '';
  console.log(
    summary.written === 0
      ? `up to date: no missing days${range}`
      : `done: wrote ${summary.written} day(s) after ${summary.previousLast?.toISOString().slice(0, 10) ?? 'the start'}${range}`,
  );
  await storage.destroy();
});

function firstDayFromEnv(today: Date): Date {
  const start = process.env.RANDOM_NUMBERS_START_DATE?.trim();
  if (start) {
    try {
      return parseUtcDate(start);
    } catch {
      throw new ConfigError('RANDOM_NUMBERS_START_DATE', `must be a date as YYYY-MM-DD, got ${JSON.stringify(start)}`);
    }
  }
  const raw = process.env.RANDOM_NUMBERS_DAYS_BACK?.trim() || '365';
  if (!/^\d{1,5}$/.test(raw))
    throw new ConfigError('RANDOM_NUMBERS_DAYS_BACK', `must be a whole number of days, got ${JSON.stringify(raw)}`);
  return new Date(today.getTime() - Number(raw) * DAY_MS);
}
