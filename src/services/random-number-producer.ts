import type { DataNodeProducer, ProductionPlan } from '../data/data-node/data-node-producer.js';
import type { RandomNumberNode } from '../data/tables/random-number-node.js';
import { DAY_MS, startOfUtcDay } from './utc-days.js';

/** Where the series starts and up to which day it runs. */
export interface RandomNumberSchedule {
  /** First UTC day of the series. */
  firstDay: Date;
  /** Last UTC day to produce (normally today). */
  lastDay: Date;
}

/**
 * Produces one value per UTC day after the last stored day. Values are a pure function of the
 * identifier and the day, so a rerun (or a retry after a crash) writes exactly the same numbers.
 */
export function randomNumberProducer(node: RandomNumberNode, schedule: RandomNumberSchedule): DataNodeProducer<RandomNumberNode> {
  const first = startOfUtcDay(schedule.firstDay).getTime();
  const last = startOfUtcDay(schedule.lastDay).getTime();
  const seed = hashString(node.identifier);
  return {
    node,
    plan(after: Date | null): ProductionPlan<{ time_index: Date; random_number: number }> {
      const from = after === null ? first : Math.max(first, startOfUtcDay(after).getTime() + DAY_MS);
      const total = from > last ? 0 : (last - from) / DAY_MS + 1;
      function* rows() {
        for (let day = from; day <= last; day += DAY_MS) {
          yield { time_index: new Date(day), random_number: valueForDay(seed, day / DAY_MS) };
        }
      }
      return { total, rows: rows() };
    },
  };
}

/** A uniform value in [0, 1) from (seed, day): mulberry32 seeded by both. */
function valueForDay(seed: number, dayNumber: number): number {
  let t = (seed ^ Math.imul(dayNumber, 0x9e3779b1)) >>> 0;
  t = (t + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function hashString(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}
