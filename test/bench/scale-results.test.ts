import { describe, expect, it } from 'vitest';

import { scaleCostChart } from '../../bench/chart-specs.js';
import { SCALE_SIZES } from '../../bench/scale-config.js';
import { type ScaleCaseRuns, scaleMeasurement, scaleResults, type ScaleRound } from '../../bench/scale-results.js';

const round = (serviceCpuMicros: number, databaseCpuMicros: number | undefined, requests = 1_000): ScaleRound => ({
  serviceCpuMicros,
  databaseCpuMicros,
  requests,
  rps: requests / 5,
  p50Ms: 5,
  p99Ms: 20,
  errors: 0,
});

const runs = (engine: 'sqlite' | 'postgres', sizeIndex: number, rounds: ScaleRound[]): ScaleCaseRuns => ({
  engine,
  caseName: 'customers_deep_page',
  size: SCALE_SIZES[sizeIndex]!,
  path: '/customers?region=US&limit=50&cursor=x',
  rounds,
});

describe('bench-scale results', () => {
  it('when PostgreSQL backends worked for the service, their CPU is part of the cost per request', () => {
    const measured = scaleMeasurement(runs('postgres', 0, [round(300_000, 100_000), round(320_000, 120_000), round(280_000, 80_000)]));
    expect(measured).toMatchObject({ service_cpu_us: 300, database_cpu_us: 100, cpu_us: 400 });
  });

  it('when the cost per request grows from 200 to 300 us between the smallest and the largest size, the case misses the 1.3x target', () => {
    const small = scaleMeasurement(runs('sqlite', 0, [round(200_000, undefined)]));
    const large = scaleMeasurement(runs('sqlite', 2, [round(300_000, undefined)]));
    const results = scaleResults(SCALE_SIZES.slice(), [large, small]);
    expect(small.database_cpu_us).toBeNull();
    expect(results.growth).toEqual([{ engine: 'sqlite', case: 'customers_deep_page', from: '10k', to: '1M', cpu_growth: 1.5, ok: false }]);
  });

  it('when drawn, each line ends with its growth and a miss is marked', () => {
    const results = scaleResults(SCALE_SIZES.slice(), [
      scaleMeasurement(runs('sqlite', 0, [round(200_000, undefined)])),
      scaleMeasurement(runs('sqlite', 2, [round(300_000, undefined)])),
    ]);
    const values = (scaleCostChart(results).data as { values: { size: string; growth: string | null }[] }).values;
    expect(values.map((v) => [v.size, v.growth])).toEqual([
      ['10k / 1 y', null],
      ['1M / 30 y', '1.50x !'],
    ]);
  });
});
