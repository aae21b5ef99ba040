// @tutorial-api/client: a typed client for the Tutorial API, built on openapi-fetch over the
// types openapi-typescript generates from the service's openapi.yaml.
export { bearerAuth, createClient, type ClientOptions, type TokenSource, type TutorialApiClient } from './create-client.js';
export type { components, operations, paths } from './openapi.js';
export { paginate, type PageItem, type PaginatedPath, type PaginateInit } from './paginate.js';
export { isProblem, ProblemError, unwrap, type ClientResult, type Problem, type SuccessData, type UndocumentedAnswer } from './problem-error.js';
export { retryMiddleware, type RetryOptions } from './retry.js';
export { retryAfterMs } from './retry-after.js';

import type { components } from './openapi.js';

/** Every schema the contract names, for consumers that need the body types on their own. */
export type Schemas = components['schemas'];
