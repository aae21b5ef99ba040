import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import { HttpProblemError } from '../errors/http-problem-error.js';
import type { Authenticator } from './authenticator.js';

/** The caller used up its budget: 429 with `Retry-After` in seconds. */
export class RateLimitedError extends HttpProblemError {
  constructor(retryAfterSeconds: number, limit: number) {
    super('rate_limited', 429, `Too many requests: the limit is ${limit} per minute; retry after ${retryAfterSeconds} s`, {
      headers: { 'Retry-After': String(retryAfterSeconds) },
    });
  }
}

/** Options of `callerRateLimit`. */
export interface CallerRateLimitOptions {
  /** Requests per caller per minute. */
  perMinute: number;
  /** Identifies callers; an authenticated caller is counted by user id wherever it connects from. */
  authenticator: Authenticator;
  /** Where counters live: memory (one process) by default, Redis to share them between processes. */
  store?: Store | undefined;
}

const WINDOW_MS = 60_000;

/**
 * Limits each caller (the authenticated user, or the client IP for anonymous and
 * unauthenticated requests) to `perMinute` requests per minute. Over the limit, the request
 * becomes a 429 problem through the app's error path.
 */
export function callerRateLimit(options: CallerRateLimitOptions): RequestHandler {
  const { perMinute, authenticator } = options;
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    ...(options.store ? { store: options.store } : {}),
    keyGenerator: async (req) => {
      try {
        return `user:${(await authenticator.authenticate(req)).user.id}`;
      } catch {
        return `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
      }
    },
    handler: (req, _res, next) => {
      const reset = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : WINDOW_MS / 1000;
      next(new RateLimitedError(seconds, perMinute));
    },
  });
}
