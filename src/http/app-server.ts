import { createServer, IncomingMessage, type Server, ServerResponse } from 'node:http';

import type { Express } from 'express';

/**
 * The HTTP server for an Express app, with every request and response created on the app's
 * own prototypes (`app.request`, `app.response`) instead of Node's.
 *
 * Why: Express re-parents each `req` and `res` with `Object.setPrototypeOf` on the way in.
 * Changing an object's prototype gives it a new hidden class, and every property access on it
 * afterwards (Node's header writing and stream code included) runs on slow, polymorphic paths:
 * on a one-route Express app that was most of a request's CPU time (commit b0fb5f9 has the
 * figures, and `make bench` the service/floor ratios before and after).
 * Objects born on the right prototype make that call a no-op, and Express behaves exactly as
 * before: same prototypes, same methods, same middleware.
 */
export function createAppServer(app: Express, limits: ClientLimits = {}): Server {
  const { headersTimeoutMs, requestTimeoutMs, maxConnections } = limits;
  const server = createServer(
    {
      IncomingMessage: bornOn(IncomingMessage, app.request),
      ServerResponse: bornOn(ServerResponse, app.response) as typeof ServerResponse<IncomingMessage>,
      ...(headersTimeoutMs === undefined ? {} : { headersTimeout: headersTimeoutMs }),
      ...(requestTimeoutMs === undefined ? {} : { requestTimeout: requestTimeoutMs }),
      // Node looks for timed-out requests every 30 s by default, so a 10 s limit could take 40 s.
      ...(headersTimeoutMs === undefined && requestTimeoutMs === undefined
        ? {}
        : { connectionsCheckingInterval: Math.min(1_000, headersTimeoutMs ?? Infinity, requestTimeoutMs ?? Infinity) }),
    },
    app,
  );
  if (maxConnections !== undefined) server.maxConnections = maxConnections;
  return server;
}

/**
 * How long and how many slow clients may hold the server (Node's defaults when left out: 60 s
 * for the headers, 300 s for the request, no cap on sockets). A client over a timeout gets a 408
 * (see client-errors.ts) and its connection is closed.
 */
export interface ClientLimits {
  /** Node's `headersTimeout`: longest wait for a request's complete headers. */
  headersTimeoutMs?: number;
  /** Node's `requestTimeout`: longest wait for a complete request, body included. */
  requestTimeoutMs?: number;
  /** Node's `server.maxConnections`: sockets past it are closed as they are accepted. */
  maxConnections?: number;
}

/** Passed to no constructor, so the branch it guards in `Born` never runs. */
const NEVER = Symbol('never');

/**
 * A constructor that builds what `base` builds, on `prototype` (which must inherit from
 * `base.prototype`). Node's IncomingMessage and ServerResponse are plain constructor functions,
 * so `base.call` initialises the object; `Reflect.construct` with a new target would work for
 * classes too, but V8 then builds every object on a slow path and the gain is lost. Should a
 * future Node make them classes, `base` is returned and Express re-parents as it always has.
 */
function bornOn<T extends abstract new (...args: never[]) => object>(base: T, prototype: object): T {
  if (!(prototype instanceof base)) throw new TypeError(`prototype does not inherit from ${base.name}`);
  if (Function.prototype.toString.call(base).startsWith('class')) return base;
  const initialise = base as unknown as (this: object, ...args: unknown[]) => void;
  function Born(this: Record<string, unknown>, first: unknown, second: unknown): void {
    initialise.call(this, first, second);
    // Never runs: nothing passes NEVER. V8 sizes the objects a function constructs by the
    // `this.x =` assignments written in its body, and without these it left room for about
    // eight fields. A response has some forty, and a keyed store once twelve had spilled out of
    // the object (Node sets its symbol-keyed fields that way) turned every response into a
    // dictionary, so each property read by Node's header and stream code and by Express was a
    // hash lookup: 54 us of CPU per /health request against 39 us with the room (commit message
    // has the figures; test/http/object-shapes.test.ts checks the objects stay fast).
    // prettier-ignore
    if (second === NEVER) {
      this.r0 = this.r1 = this.r2 = this.r3 = this.r4 = this.r5 = this.r6 = this.r7 = undefined;
      this.r8 = this.r9 = this.r10 = this.r11 = this.r12 = this.r13 = this.r14 = this.r15 = undefined;
      this.r16 = this.r17 = this.r18 = this.r19 = this.r20 = this.r21 = this.r22 = this.r23 = undefined;
    }
  }
  Born.prototype = prototype;
  return Born as unknown as T;
}
