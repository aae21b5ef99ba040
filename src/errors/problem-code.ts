import type { components } from '../../generated/openapi.js';

/** A problem `type` the contract lists (`components.schemas.ProblemType`). */
export type ProblemType = components['schemas']['ProblemType'];

type SnakeCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}_${SnakeCase<Tail>}` : S;

/**
 * The stable machine-readable name of a kind of problem, derived from the contract's
 * `ProblemType` enum (`urn:problem-type:not-found` is `not_found`): an error naming a kind the
 * contract does not list does not compile.
 */
export type ProblemCode = CodeOf<ProblemType>;

type CodeOf<T> = T extends `urn:problem-type:${infer Kind}` ? SnakeCase<Kind> : never;
