import { ServiceUnavailableError } from '../errors/app-error.js';

/** Seconds a readiness probe is asked to wait: by then this process is gone and another answers. */
const RETRY_AFTER_SECONDS = 1;

/** The process got SIGTERM: it still answers, but load balancers should take it out of rotation. */
export class ShuttingDownError extends ServiceUnavailableError {
  constructor() {
    super('shutting_down', `The service is shutting down; retry after ${RETRY_AFTER_SECONDS} s on another instance`, RETRY_AFTER_SECONDS);
  }
}
