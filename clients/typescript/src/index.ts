// @tutorial-api/client: a typed client for the Tutorial API, built on openapi-fetch over the
// types openapi-typescript generates from the service's openapi.yaml.
export { bearerAuth, type ClientOptions, createClient, type TokenSource, type TutorialApiClient } from './create-client.js';
export type { components, operations, paths } from './openapi.js';
export { type PageItem, paginate, type PaginatedPath, type PaginateInit } from './paginate.js';
export {
  type ClientResult,
  isProblem,
  type Problem,
  ProblemError,
  type SuccessData,
  type UndocumentedAnswer,
  unwrap,
} from './problem-error.js';
export { retryMiddleware, type RetryOptions } from './retry.js';
export { retryAfterMs } from './retry-after.js';

import type { components } from './openapi.js';

/** Every schema the contract names, for consumers that need the body types on their own. */
export type Schemas = components['schemas'];
