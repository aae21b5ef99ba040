import { InvalidInputError } from '../../errors/app-error.js';
import type { StorageEngine } from '../engine/storage-engine.js';
import { QueryTemplateCache } from '../query/query-template.js';
import { decodeRow } from '../query/storage-codec.js';
import type { DataNodeDeclaration, NodeRow } from './data-node-declaration.js';
import { DataNodeNotFoundError, TooManyRowsError } from './data-node-errors.js';
import { findRegisteredNode, type RegisteredNode } from './data-node-registry.js';
import { rangeRead } from './range-read.js';

/** How `getBetweenDates` bounds and shapes its read. */
export interface BetweenDatesOptions {
  /** Include rows at exactly `start` (default true). */
  inclusiveStart?: boolean;
  /** Include rows at exactly `end` (default true). */
  inclusiveEnd?: boolean;
  /** Only these series, for nodes with a `unique_identifier` dimension. */
  uniqueIdentifiers?: string[];
  /** Only these columns (`time_index` and the dimensions are always returned). */
  columns?: string[];
  /** Refuse (TooManyRowsError) instead of reading more than this many rows. */
  maxRows?: number;
}

/** A read-only handle on one published node. */
export class DataNodeHandle<Row extends Record<string, unknown> = Record<string, unknown>> {
  constructor(
    private readonly engine: StorageEngine,
    readonly registered: RegisteredNode,
    /** Compiled reads by shape, shared by the handles of one reader. */
    private readonly templates: QueryTemplateCache,
  ) {}

  get identifier(): string {
    return this.registered.identifier;
  }

  /** Rows with `time_index` between `start` and `end` (null: unbounded), oldest first. */
  async getBetweenDates(start: Date | null, end: Date | null, options: BetweenDatesOptions = {}): Promise<Row[]> {
    const { columns: known, indexColumns } = this.registered;
    const names = known.map((c) => c.name);
    const wanted = options.columns ?? names;
    const unknown = wanted.filter((c) => !names.includes(c));
    if (unknown.length > 0) {
      throw new InvalidInputError(`unknown columns of '${this.identifier}': ${unknown.join(', ')}`, [
        { field: 'columns', message: `unknown: ${unknown.join(', ')}` },
      ]);
    }
    const selected = known.filter((c) => wanted.includes(c.name) || indexColumns.includes(c.name));
    const ids = options.uniqueIdentifiers;
    if (ids) {
      if (!indexColumns.includes('unique_identifier')) {
        throw new InvalidInputError(`'${this.identifier}' has no unique_identifier dimension`, [
          { field: 'uniqueIdentifiers', message: 'this node has no unique_identifier dimension' },
        ]);
      }
      if (ids.length === 0) return [];
    }
    const read = rangeRead(this.engine.db, this.registered, {
      columns: selected.map((c) => c.name),
      start,
      end,
      inclusiveStart: options.inclusiveStart !== false,
      inclusiveEnd: options.inclusiveEnd !== false,
      uniqueIdentifiers: ids,
      limit: options.maxRows === undefined ? undefined : options.maxRows + 1,
    });
    // Rows are copied below anyway: an engine that can return them as arrays skips an object per row.
    const rows = await this.templates.read(this.engine, read.shape, read.build, read.values, true);
    if (options.maxRows !== undefined && rows.length > options.maxRows) {
      throw new TooManyRowsError(this.identifier, options.maxRows);
    }
    const columns = selected.map((c) => [c.name, c] as const);
    return rows.map((row) => decodeRow(columns, row) as Row);
  }
}

/** Finds published nodes by identifier. */
export class DataNodeReader {
  private readonly templates = new QueryTemplateCache();

  constructor(private readonly engine: StorageEngine) {}

  /** The handle of `identifier`; `DataNodeNotFoundError` when nothing is published under it. */
  async fromIdentifier(identifier: string): Promise<DataNodeHandle> {
    const registered = await findRegisteredNode(this.engine, identifier, this.templates);
    if (!registered) throw new DataNodeNotFoundError(identifier);
    return new DataNodeHandle(this.engine, registered, this.templates);
  }

  /** A typed handle on a node this code declares, after checking the registry agrees with it. */
  async open<N extends DataNodeDeclaration>(node: N): Promise<DataNodeHandle<NodeRow<N>>> {
    const handle = await this.fromIdentifier(node.identifier);
    const stored = handle.registered.columns.map((c) => c.name).sort();
    const declared = Object.keys(node.table.columns).sort();
    if (handle.registered.tableName !== node.table.name || stored.join() !== declared.join()) {
      throw new Error(`registry entry of '${node.identifier}' does not match its declaration`);
    }
    return handle as unknown as DataNodeHandle<NodeRow<N>>;
  }
}
