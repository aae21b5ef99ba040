import { type Compilable, type CompiledQuery, createQueryId } from 'kysely';

import { withArrayRows } from '../engine/array-rows.js';
import type { StorageEngine } from '../engine/storage-engine.js';
import type { Bind } from './bind.js';

/** Stands for the `index`-th value bound while a template is built. */
class Placeholder {
  constructor(readonly index: number) {}
}

/**
 * A query compiled once and run many times with different values: building and compiling a
 * query with Kysely on every request showed in `npx tsx bench/profile.ts customers` (commit
 * bf9dcf5 has the A/B figures), and queries of one shape differ only in their bound values.
 */
export class QueryTemplate {
  private constructor(
    private readonly compiled: CompiledQuery,
    /** For each SQL parameter, the index of the bound value that fills it; -1 keeps the compiled one. */
    private readonly fillFrom: readonly number[],
  ) {}

  /**
   * Builds the query once with placeholders in place of the values `build` binds, and
   * compiles it. Undefined when the compiled parameters are not exactly those placeholders,
   * each once (then the caller builds the query per run, as before).
   */
  static compile(build: (bind: Bind) => Compilable): QueryTemplate | undefined {
    let binds = 0;
    const compiled = build(() => new Placeholder(binds++)).compile();
    const fillFrom = compiled.parameters.map((p) => (p instanceof Placeholder ? p.index : -1));
    const used = fillFrom.filter((index) => index >= 0).sort((a, b) => a - b);
    if (used.length !== binds || used.some((index, i) => index !== i)) return undefined;
    return new QueryTemplate(compiled, fillFrom);
  }

  /** The compiled query with `values` (in the order they were bound) in its parameters. */
  fill(values: readonly unknown[]): CompiledQuery {
    const template = this.compiled;
    const parameters = this.fillFrom.map((index, i) => (index < 0 ? template.parameters[i] : values[index]));
    return { query: template.query, queryId: createQueryId(), sql: template.sql, parameters };
  }
}

/** Templates by shape key, at most `capacity` of them (the oldest goes first). */
export class QueryTemplateCache {
  readonly #templates = new Map<string, QueryTemplate | undefined>();

  constructor(private readonly capacity = 256) {}

  /** The template of shape `key`, compiled by `build` the first time the shape is seen. */
  get(key: string, build: (bind: Bind) => Compilable): QueryTemplate | undefined {
    if (this.#templates.has(key)) return this.#templates.get(key);
    const template = QueryTemplate.compile(build);
    if (this.#templates.size >= this.capacity) this.#templates.delete(this.#templates.keys().next().value!);
    this.#templates.set(key, template);
    return template;
  }

  /**
   * The rows of the read of shape `key` with `values` (in the order `build` binds them) on
   * `engine.db`: run through its template, or built afresh when none could be made. With
   * `arrayRows` (for callers that copy every row anyway), rows may be arrays: the engine's
   * `readArrayRows` runs the read, else Kysely with the query marked `withArrayRows`.
   */
  read(
    engine: Pick<StorageEngine, 'db' | 'readArrayRows'>,
    key: string,
    build: (bind: Bind) => Compilable & { execute(): Promise<unknown[]> },
    values: readonly unknown[],
    arrayRows = false,
  ): Promise<unknown[]> {
    const template = this.get(key, build);
    if (!template) return build((value) => value).execute();
    const query = template.fill(values);
    if (arrayRows && engine.readArrayRows) return engine.readArrayRows(engine.db, query);
    return engine.db.executeQuery(arrayRows ? withArrayRows(query) : query).then((result) => result.rows);
  }
}
