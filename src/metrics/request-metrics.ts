import type { RequestHandler } from 'express';

import type { ServiceMetrics } from './service-metrics.js';

/**
 * Counts every request in flight from the moment it arrives, and when its response is done
 * (Node emits `close` on every response, after `finish` when it was sent in full) records its
 * operation, status and duration. First in the app, so that every answer is seen.
 */
export function requestMetrics(metrics: ServiceMetrics): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    metrics.requestStarted();
    res.once('close', () => {
      metrics.requestFinished({
        operationId: req.operationId,
        status: res.statusCode,
        completed: res.writableFinished,
        seconds: (performance.now() - started) / 1000,
      });
    });
    next();
  };
}
