import type { FrameBuilder } from '../command-center/frame-builder.js';
import type { TabularFrame } from '../command-center/frame-types.js';
import type { CustomerRecord } from '../data/tables/customers-table.js';
import type { CustomerPage, CustomerQuery, CustomersService } from './customers-service.js';
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
  ) {}

  /**
   * One page of `GET /customers` as a frame: `meta.page` says whether it was cut at `limit` and
   * the cursor of the next part; `source.updatedAtMs` is the customers' last change (absent when
   * the table was never written), not the time of the request.
   */
  async customersFrame(query: CustomerQuery): Promise<TabularFrame> {
    const [page, lastChanged] = await Promise.all([this.customers.list(query), this.customers.lastChanged()]);
    return this.frames.customers.build({
      rows: page.customers,
      source: { kind: 'api', label: 'Tutorial Customers API', ...(lastChanged ? { updatedAtMs: lastChanged.getTime() } : {}) },
      meta: { page: pageMeta(page) },
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

/** Where a page of customers was cut, as the frame's `meta.page`. */
function pageMeta({ limit, nextCursor }: CustomerPage): NonNullable<TabularFrame['meta']>['page'] & object {
  return nextCursor === null ? { limit, truncated: false } : { limit, truncated: true, nextCursor };
}
