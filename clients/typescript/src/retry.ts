import type { Middleware } from 'openapi-fetch';

import { retryAfterMs } from './retry-after.js';

/** How `retryMiddleware` retries. */
export interface RetryOptions {
  /** Most attempts per request, the first one included (default 3). */
  maxAttempts?: number | undefined;
  /** Longest wait it honours; an answer asking for longer is returned as it is (default 60 s). */
  maxDelayMs?: number | undefined;
  /** Wait before the first retry when the answer has no usable `Retry-After`, doubled for each later one (default 1 s). */
  fallbackDelayMs?: number | undefined;
  /** How to wait; the default is a timer that stops early when the request is aborted. */
  sleep?: ((ms: number, signal: AbortSignal) => Promise<void>) | undefined;
}

/** Methods RFC 9110 defines as idempotent: sending one twice has the effect of sending it once. */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);
/** "Too many requests" and "unavailable": the answers the service pairs with `Retry-After`. */
const RETRY_STATUSES = new Set([429, 503]);

/**
 * Middleware that sends an idempotent request again when it is answered 429 or 503, after the
 * `Retry-After` of that answer (seconds or an HTTP date), up to `maxAttempts` in all. Other
 * methods (POST, PATCH) are never repeated. The last answer is what the caller gets.
 */
export function retryMiddleware(options: RetryOptions = {}): Middleware {
  const maxAttempts = options.maxAttempts ?? 3;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const fallbackDelayMs = options.fallbackDelayMs ?? 1_000;
  const sleep = options.sleep ?? abortableSleep;
  // fetch consumes a request's body, so a request with one is copied before it is sent.
  const unsent = new WeakMap<Request, Request>();
  return {
    onRequest({ request }) {
      if (IDEMPOTENT_METHODS.has(request.method) && request.body !== null) unsent.set(request, request.clone());
      return undefined;
    },
    async onResponse({ request, response, options: { fetch } }) {
      if (!IDEMPOTENT_METHODS.has(request.method)) return undefined;
      let answer = response;
      for (let attempt = 1; attempt < maxAttempts && RETRY_STATUSES.has(answer.status); attempt++) {
        const delay = retryAfterMs(answer.headers.get('retry-after')) ?? fallbackDelayMs * 2 ** (attempt - 1);
        if (delay > maxDelayMs) break;
        await answer.body?.cancel();
        await sleep(delay, request.signal);
        answer = await fetch((unsent.get(request) ?? request).clone());
      }
      return answer === response ? undefined : answer;
    },
  };
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
