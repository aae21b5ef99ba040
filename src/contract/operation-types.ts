import type { operations } from '../../generated/openapi.js';
import type { LoggedUser } from '../identity/user-context.js';

/** Every operationId the contract defines. */
export type OperationId = keyof operations;

type Operation<K extends OperationId> = operations[K];

type WithoutIndexSignature<T> = { [K in keyof T as string extends K ? never : K]: T[K] };

type ParametersIn<K extends OperationId, Where extends 'query' | 'path'> = [NonNullable<Operation<K>['parameters'][Where]>] extends [never]
  ? Record<string, never>
  : NonNullable<Operation<K>['parameters'][Where]>;

type RequestBodyOf<K extends OperationId> =
  Operation<K> extends {
    requestBody: { content: { 'application/json': infer Body } };
  }
    ? Body
    : undefined;

/** What a handler receives: query, path parameters and body, already validated (and coerced) against the contract. */
export interface OperationInput<K extends OperationId> {
  query: ParametersIn<K, 'query'>;
  params: ParametersIn<K, 'path'>;
  body: RequestBodyOf<K>;
}

type ResponsesOf<K extends OperationId> = Operation<K>['responses'];

type BodyOf<R> = R extends { content: infer Content } ? Content[keyof Content] : undefined;

type HeadersOf<R> = R extends { headers: infer H } ? WithoutIndexSignature<H> : {};

type ResponseFor<Status, R> = keyof HeadersOf<R> extends never
  ? { status: Status; body: BodyOf<R> }
  : {} extends HeadersOf<R>
    ? { status: Status; body: BodyOf<R>; headers?: HeadersOf<R> }
    : { status: Status; body: BodyOf<R>; headers: HeadersOf<R> };

/** One of the operation's documented `{status, body, headers}` combinations, and nothing else. */
export type OperationResult<K extends OperationId> = {
  [Status in keyof ResponsesOf<K> & number]: ResponseFor<Status, ResponsesOf<K>[Status]>;
}[keyof ResponsesOf<K> & number];

/** Facts about the request a handler may need without touching HTTP objects. */
export interface RequestContext {
  requestId: string;
  /** The operation's path (its template with the path parameters filled in), for building links to related pages. */
  path: string;
  /**
   * The authenticated caller the request acts for (frozen); undefined on an operation without
   * authentication. Read it with `getLoggedUser(context)` (src/identity/user-context.ts).
   */
  user: LoggedUser | undefined;
}

/** The handler of operation `K`. */
export type OperationHandler<K extends OperationId> = (
  input: OperationInput<K>,
  context: RequestContext,
) => Promise<OperationResult<K>> | OperationResult<K>;

/** Exactly one handler per operationId. */
export type HandlerMap = { [K in OperationId]: OperationHandler<K> };

/**
 * Checks a complete handler map at compile time: a missing operationId fails because `H` must
 * satisfy `HandlerMap`, and an extra key (even one spread in from a partial map) fails because
 * it is typed `never`.
 */
export function defineHandlers<const H extends HandlerMap>(handlers: H & Record<Exclude<keyof H, OperationId>, never>): HandlerMap {
  return handlers;
}
