import type { FrameBuilder } from '../command-center/frame-builder.js';
import type { TabularFrame } from '../command-center/frame-types.js';
import type { CustomerRecord } from '../data/tables/customers-table.js';
import type { CustomerQuery, CustomersService } from './customers-service.js';
import type { DayRange, RandomNumberSeries, RandomNumbersService } from './random-numbers-service.js';

/** Frame builders derived from the contract's row schemas. */
export interface WidgetFrames {
  customers: FrameBuilder<CustomerRecord>;
  randomNumbers: FrameBuilder<RandomNumberSeries['rows'][number]>;
}

/**
 * Command Center feeds: the same reads as the data endpoints, returned as `core.tabular_frame@v1`.
 * An empty read is a ready frame with no rows; a failed read throws (the API answers with its
 * documented error), never a 200 frame with `status: "error"`.
 */
export class WidgetsService {
  constructor(
    private readonly customers: CustomersService,
    private readonly randomNumbers: RandomNumbersService,
    private readonly frames: WidgetFrames,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** First page of `GET /customers` as a frame. */
  async customersFrame(query: Omit<CustomerQuery, 'cursor'>): Promise<TabularFrame> {
    const page = await this.customers.list(query);
    return this.frames.customers.build({
      rows: page.customers,
      source: { kind: 'api', label: 'Tutorial Customers API', updatedAtMs: this.now().getTime() },
    });
  }

  /** `GET /random-numbers` as a long, daily time-series frame. */
  async randomNumbersFrame(range: DayRange): Promise<TabularFrame> {
    const series = await this.randomNumbers.between(range);
    return this.frames.randomNumbers.build({
      rows: series.rows,
      source: {
        kind: 'api',
        id: series.identifier,
        label: 'Random numbers',
        ...(series.lastUpdated ? { updatedAtMs: series.lastUpdated.getTime() } : {}),
      },
      meta: {
        timeSeries: {
          shape: 'long',
          timeField: 'time_index',
          timeUnit: 'ms',
          timezone: 'UTC',
          sorted: true,
          valueField: 'random_number',
          frequency: '1d',
        },
      },
    });
  }
}
