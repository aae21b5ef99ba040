import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryCompiler, QueryResult, TransactionSettings } from 'kysely';

import { type ArrayRowsReader, wantsArrayRows } from './array-rows.js';
import type { ConnectionUse } from './connection-use.js';
import { type OutageKind, StorageUnavailableError } from './storage-unavailable-error.js';

/** How one engine recognises an outage among its errors, and recovers from one. */
export interface OutagePolicy {
  /** The kind of outage `error` means, or undefined when it is an ordinary query error. */
  classify(error: unknown): OutageKind | undefined;
  /** Called after an outage, so the next query can start from a fresh connection. */
  afterOutage?(kind: OutageKind): void;
}

/**
 * Runs `prepare` (migrations) once, before the first connection is handed out; a failed run is
 * retried by the next caller, so a database that was down at start-up is prepared when it
 * comes back without a restart.
 */
export class PreparationGate {
  #done = false;
  #running: Promise<void> | undefined;

  constructor(private readonly prepare: () => Promise<void>) {}

  /** Undefined once prepared (the hot path costs one check); otherwise the run to wait for. */
  wait(): Promise<void> | undefined {
    if (this.#done) return undefined;
    this.#running ??= this.prepare().then(
      () => {
        this.#done = true;
      },
      (error: unknown) => {
        this.#running = undefined;
        throw error;
      },
    );
    return this.#running;
  }
}

/**
 * `error` as the rest of the service sees it: a StorageUnavailableError when `policy` says the
 * database was out (after telling the policy), otherwise unchanged.
 */
export function outageError(policy: OutagePolicy, error: unknown): unknown {
  if (error instanceof StorageUnavailableError) return error;
  const kind = policy.classify(error);
  if (!kind) return error;
  policy.afterOutage?.(kind);
  return new StorageUnavailableError(kind, error);
}

/**
 * Wraps a Kysely dialect so that every driver call that fails because the database is out
 * (down, unreachable, timed out, unreadable) throws a StorageUnavailableError the rest of the
 * service maps to a 503, and, given a gate, holds connections back until the gate is passed.
 * Given `arrayRows`, queries marked by `withArrayRows` are run through it; given `use`, every
 * connection handed out and given back is counted there.
 */
export function guardDialect(
  dialect: Dialect,
  policy: OutagePolicy,
  gate?: PreparationGate,
  arrayRows?: ArrayRowsReader,
  use?: ConnectionUse,
): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver: () => new GuardedDriver(dialect.createDriver(), policy, gate, arrayRows, use),
  };
}

class GuardedDriver implements Driver {
  /**
   * One wrapper per connection of the inner driver, reused each time it is handed out: Kysely's
   * runtime driver remembers every connection object it sees (a WeakSet), so a new wrapper per
   * query grew that set by one entry per query for the garbage collector to clear.
   */
  readonly #wrappers = new WeakMap<DatabaseConnection, GuardedConnection>();

  constructor(
    private readonly inner: Driver,
    private readonly policy: OutagePolicy,
    private readonly gate: PreparationGate | undefined,
    private readonly arrayRows: ArrayRowsReader | undefined,
    private readonly use: ConnectionUse | undefined,
  ) {}

  init(): Promise<void> {
    return this.inner.init().catch(this.rethrow);
  }

  acquireConnection(): Promise<DatabaseConnection> {
    return this.use ? this.use.acquire(() => this.acquire()) : this.acquire();
  }

  private async acquire(): Promise<DatabaseConnection> {
    const pending = this.gate?.wait();
    if (pending) await pending;
    const connection = await this.inner.acquireConnection().catch(this.rethrow);
    let wrapper = this.#wrappers.get(connection);
    if (wrapper) wrapper.outage = undefined;
    else {
      wrapper = new GuardedConnection(connection, this.rethrow, this.arrayRows);
      this.#wrappers.set(connection, wrapper);
    }
    return wrapper;
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(unwrap(connection), settings).catch(this.rethrow);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(unwrap(connection)).catch(this.rethrow);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(unwrap(connection)).catch((error: unknown) => {
      // After an outage the transaction died with its connection; report the outage, not
      // the rollback's "no transaction is active".
      const lost = connection instanceof GuardedConnection ? connection.outage : undefined;
      throw lost ?? this.translate(error);
    });
  }

  savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return this.optional('savepoint')(unwrap(connection), name, compile).catch(this.rethrow);
  }

  rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return this.optional('rollbackToSavepoint')(unwrap(connection), name, compile).catch(this.rethrow);
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return this.optional('releaseSavepoint')(unwrap(connection), name, compile).catch(this.rethrow);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.use?.released();
    return this.inner.releaseConnection(unwrap(connection)).catch(this.rethrow);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }

  private optional(method: 'savepoint' | 'rollbackToSavepoint' | 'releaseSavepoint') {
    const implementation = this.inner[method];
    if (!implementation) throw new Error(`the ${method} call is not supported by this engine`);
    return implementation.bind(this.inner);
  }

  private translate(error: unknown): unknown {
    return outageError(this.policy, error);
  }

  private readonly rethrow = (error: unknown): never => {
    throw this.translate(error);
  };
}

class GuardedConnection implements DatabaseConnection {
  /** The outage this connection has seen since it was last handed out, if any. */
  outage: StorageUnavailableError | undefined;

  constructor(
    readonly inner: DatabaseConnection,
    private readonly rethrow: (error: unknown) => never,
    private readonly arrayRows: ArrayRowsReader | undefined,
  ) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    let pending: Promise<QueryResult<R>>;
    try {
      // SQLite's driver throws synchronously (it runs the statement on the spot).
      pending =
        this.arrayRows && wantsArrayRows(query)
          ? this.arrayRows(() => this.inner.executeQuery<R>(query))
          : this.inner.executeQuery<R>(query);
    } catch (error) {
      return Promise.reject(this.caught(error));
    }
    return pending.catch((error: unknown) => this.fail(error));
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    try {
      yield* this.inner.streamQuery<R>(query, chunkSize);
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): never {
    throw this.caught(error);
  }

  private caught(error: unknown): unknown {
    try {
      return this.rethrow(error);
    } catch (translated) {
      if (translated instanceof StorageUnavailableError) this.outage = translated;
      return translated;
    }
  }
}

function unwrap(connection: DatabaseConnection): DatabaseConnection {
  return connection instanceof GuardedConnection ? connection.inner : connection;
}
