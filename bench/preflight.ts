import { isDeepStrictEqual } from 'node:util';

import type { BenchCase } from './bench-config.js';

/** What the checks before loading found. */
export interface PreflightReport {
  /** Whether a data request without a token was refused (identity enforced). */
  identityEnforced: boolean;
  /** Cases whose floor body differs from the service's (beyond timestamps). */
  mismatches: string[];
}

/**
 * Checks that every case answers 200 on both servers (throws otherwise, with the body), that
 * the floor returns the same JSON as the service (so both do the same work), and whether the
 * service refuses a data request that carries no token.
 */
export async function preflight(
  cases: BenchCase[],
  serviceUrl: string,
  floorUrl: string,
  headers: Record<string, string>,
): Promise<PreflightReport> {
  const mismatches: string[] = [];
  for (const benchCase of cases) {
    const service = await getJson(`${serviceUrl}${benchCase.path}`, headers, 'service');
    const floor = await getJson(`${floorUrl}${benchCase.path}`, headers, 'floor');
    if (!isDeepStrictEqual(withoutTimestamps(service), withoutTimestamps(floor))) mismatches.push(benchCase.name);
  }
  const anonymous = await fetch(`${serviceUrl}${cases.find((c) => c.name === 'customers')!.path}`);
  await anonymous.arrayBuffer();
  return { identityEnforced: anonymous.status === 401 || anonymous.status === 403, mismatches };
}

async function getJson(url: string, headers: Record<string, string>, who: string): Promise<unknown> {
  const response = await fetch(url, { headers });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${who} answered ${response.status} to GET ${url}: ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

/** Frames carry when their data last changed; a write between the two reads would set them apart. */
function withoutTimestamps(body: unknown): unknown {
  if (body && typeof body === 'object' && 'source' in body) {
    const { updatedAtMs: _ignored, ...source } = (body as { source: Record<string, unknown> }).source;
    return { ...body, source };
  }
  return body;
}
