/**
 * The longest request target (path and query, as on the request line) served: 8 KiB. Node's
 * parser takes request lines up to its 16 KiB header limit (a longer one is a 431); past this
 * bound the answer is a 414 problem before routing, so no phase works on, or echoes, a URL that
 * long. 8 KiB is what common proxies and CDNs accept, so a client cannot rely on more anyway.
 */
export const MAX_URL_BYTES = 8_192;

/** Whether a request target (a latin-1 string as Node gives it: one character per byte) is over MAX_URL_BYTES. */
export function urlTooLong(url: string): boolean {
  return url.length > MAX_URL_BYTES;
}
