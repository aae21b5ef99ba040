import { type ServerResponse, validateHeaderName, validateHeaderValue } from 'node:http';

declare module 'node:http' {
  interface ServerResponse {
    /** The headers this response will be sent with, collected as the request passes each phase (see ResponseHeaders). */
    outgoingHeaders?: ResponseHeaders;
  }
}

/** Headers every response starts with (name, value, name, value, ...), checked once. */
export type BaseHeaders = readonly string[] & { readonly checked: true };

/** Checks a flat name, value, ... list once, to start every response's headers with. */
export function baseHeaders(headers: readonly string[]): BaseHeaders {
  if (headers.length % 2 !== 0) throw new TypeError('headers must be name, value pairs');
  for (let i = 0; i < headers.length; i += 2) {
    validateHeaderName(headers[i]!);
    validateHeaderValue(headers[i]!, headers[i + 1]!);
  }
  return Object.assign([...headers], { checked: true as const });
}

/**
 * The one owner of a response's headers. Each phase adds to it (the request id, the security
 * headers, the rate limit, the handler's and the content's), anything may read it, and the
 * response writer sends it with the status line in one documented `res.writeHead(status,
 * headers)`. Names compare case-insensitively; a later value replaces an earlier one.
 *
 * Why not `res.setHeader` for each: every call lower-cases the name into a per-response
 * dictionary that Node grows and rehashes, and a response carries about twenty headers, eleven
 * of them the same on every response (helmet's). Handed to `writeHead` as one list, Node writes
 * them straight out. A header set with `setHeader` (CORS, the shutdown's `Connection: close`)
 * is still sent: Node merges it with this list.
 */
export class ResponseHeaders {
  readonly #list: string[];

  constructor(base: BaseHeaders) {
    this.#list = base.slice();
  }

  /**
   * Sets `name` to `value`. Node checks every name and value as `writeHead` sends them (and the
   * response check has already refused a handler's header that would fail there), so they are
   * not checked twice.
   */
  set(name: string, value: string): void {
    const list = this.#list;
    const at = this.#indexOf(name);
    if (at === -1) list.push(name, value);
    else list[at + 1] = value;
  }

  get(name: string): string | undefined {
    const at = this.#indexOf(name);
    return at === -1 ? undefined : this.#list[at + 1];
  }

  has(name: string): boolean {
    return this.#indexOf(name) !== -1;
  }

  /** name, value, name, value, ... as `res.writeHead` takes them. */
  toList(): string[] {
    return this.#list;
  }

  #indexOf(name: string): number {
    const list = this.#list;
    let lower: string | undefined;
    for (let i = 0; i < list.length; i += 2) {
      const existing = list[i]!;
      if (existing.length !== name.length) continue;
      if (existing === name || existing.toLowerCase() === (lower ??= name.toLowerCase())) return i;
    }
    return -1;
  }
}

/** The headers `res` will be sent with; one is started (with no base headers) if no phase has yet. */
export function responseHeaders(res: ServerResponse): ResponseHeaders {
  return (res.outgoingHeaders ??= new ResponseHeaders(NO_HEADERS));
}

const NO_HEADERS = baseHeaders([]);

/**
 * For responses this service does not write itself (the docs page, a CORS preflight, Express's
 * own answers): the collected headers are set with `setHeader`, where whatever writes the
 * response (and anything reading `getHeader`) finds them.
 */
export function setCollectedHeaders(res: ServerResponse): void {
  const collected = res.outgoingHeaders;
  if (!collected || res.headersSent) return;
  res.outgoingHeaders = undefined;
  const list = collected.toList();
  for (let i = 0; i < list.length; i += 2) if (!res.hasHeader(list[i]!)) res.setHeader(list[i]!, list[i + 1]!);
}
