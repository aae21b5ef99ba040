import { DATASET } from './bench-config.js';

/** One generated customer, as the benchmarks insert it. */
export interface BenchCustomer {
  code: string;
  name: string;
  region: string;
}

/**
 * The `index`-th benchmark customer (from 1): regions rotate so each holds a quarter, and codes
 * are `BENCH` and the index padded to `codeDigits`, so a code names its row and sorts with it.
 */
export function benchCustomer(index: number, codeDigits: number): BenchCustomer {
  return {
    code: `BENCH${String(index).padStart(codeDigits, '0')}`,
    name: `Benchmark Customer ${index}`,
    region: DATASET.regions[index % DATASET.regions.length]!,
  };
}

/** Customers 1..`count` in batches of at most `size`, for multi-row inserts. */
export function* customerBatches(count: number, codeDigits: number, size: number): Generator<BenchCustomer[]> {
  for (let first = 1; first <= count; first += size) {
    const batch: BenchCustomer[] = [];
    for (let i = first; i < first + size && i <= count; i++) batch.push(benchCustomer(i, codeDigits));
    yield batch;
  }
}
