// Plays Command Center's Adapter From API connection against the real server process, as a
// `make run` deployment answers it: discover the contract with no credentials (a redirect is an
// error), run the health check, then build every query operation's request exactly as Command
// Center does (path values substituted with encodeURIComponent, query values under `name` else
// `key`, values from `example` / `defaultValue`, `Accept: application/json`, the API token
// injected as its secret variable declares) and check each answer is the frame it promises.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createFrameChecker } from '../../src/command-center/frame-check.js';
import { discoveryValidator } from '../command-center/discovery-contract/discovery-validator.js';
import { engines } from '../support/engines.js';
import { mintTestToken } from '../support/test-token.js';
import { readContract } from './support/contract-operations.js';
import { launchServer, prepareServerDatabase, type RunningServer, type ServerDatabase } from './support/server-process.js';

const DISCOVERY = '/.well-known/command-center/connection-contract';
const COMMAND_CENTER_ORIGIN = 'http://localhost:5173';
/** Headers Command Center never lets a user set on a query. */
const REFUSED_HEADERS = ['authorization', 'cookie', 'x-api-key', 'x-auth-token'];

const checkFrame = createFrameChecker(readContract());
const validateDiscovery = discoveryValidator();

interface Parameter {
  key: string;
  name?: string;
  required?: boolean;
  example?: unknown;
  defaultValue?: unknown;
}
interface Operation {
  operationId: string;
  method: string;
  path: string;
  kind: string;
  capabilities: string[];
  responseContract?: string;
  parameters?: { path?: Parameter[]; query?: Parameter[]; headers?: Parameter[] };
}
interface Secret {
  key: string;
  injection: { type: 'header' | 'query' | 'basic' | 'bearer'; name?: string; template?: string };
}
interface Discovery {
  availableOperations: Operation[];
  secretVariables: Secret[];
  health: { operationId: string; expectedStatus?: number; timeoutMs?: number };
}

/** A GET or POST that never follows a redirect, as Command Center's fetches do not. */
function call(url: string, init: RequestInit = {}, timeoutMs = 10_000): Promise<Response> {
  return fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) }).then((res) => {
    if (res.status >= 300 && res.status < 400) throw new Error(`${url} redirected (${res.status}); Command Center treats that as an error`);
    return res;
  });
}

/** The value Command Center fills in from the parameter's metadata. */
function valueOf(operation: Operation, parameter: Parameter): string | undefined {
  const value = parameter.example ?? parameter.defaultValue;
  if (value === undefined && parameter.required)
    throw new Error(`${operation.operationId}: required parameter ${parameter.key} has no example or default`);
  return value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value);
}

/** The request Command Center sends for a query: URL and headers, secrets injected as declared. */
function queryRequest(
  root: string,
  operation: Operation,
  secrets: Secret[],
  values: Record<string, string>,
): { url: string; headers: Record<string, string> } {
  let path = operation.path;
  for (const parameter of operation.parameters?.path ?? []) {
    const value = valueOf(operation, parameter);
    if (value !== undefined) path = path.replace(`{${parameter.name ?? parameter.key}}`, encodeURIComponent(value));
  }
  const url = new URL(root + path);
  for (const parameter of operation.parameters?.query ?? []) {
    const value = valueOf(operation, parameter);
    if (value !== undefined) url.searchParams.set(parameter.name ?? parameter.key, value);
  }
  const headers: Record<string, string> = { Accept: 'application/json' };
  for (const parameter of operation.parameters?.headers ?? []) {
    const name = parameter.name ?? parameter.key;
    if (REFUSED_HEADERS.includes(name.toLowerCase()))
      throw new Error(`${operation.operationId} declares ${name}, which Command Center refuses to send`);
    const value = valueOf(operation, parameter);
    if (value !== undefined) headers[name] = value;
  }
  for (const secret of secrets) {
    const value = values[secret.key];
    if (value === undefined) continue;
    const filled = secret.injection.template ? secret.injection.template.replace(/\{value\}/g, value) : value;
    if (secret.injection.type === 'bearer') headers.Authorization = `Bearer ${value}`;
    else if (secret.injection.type === 'basic') headers.Authorization = `Basic ${Buffer.from(filled).toString('base64')}`;
    else if (secret.injection.type === 'header') headers[secret.injection.name!] = filled;
    else url.searchParams.set(secret.injection.name!, filled);
  }
  return { url: url.href, headers };
}

async function discover(root: string, headers: Record<string, string> = {}): Promise<Discovery> {
  const res = await call(root + DISCOVERY, { headers: { Accept: 'application/json', ...headers } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const document = (await res.json()) as Discovery;
  expect(validateDiscovery(document)).toEqual([]);
  return document;
}

async function checkHealth(root: string, discovery: Discovery): Promise<void> {
  const operation = discovery.availableOperations.find((o) => o.operationId === discovery.health.operationId)!;
  const res = await call(
    root + operation.path,
    { method: operation.method, headers: { Accept: 'application/json' } },
    discovery.health.timeoutMs,
  );
  if (discovery.health.expectedStatus === undefined) expect(res.ok).toBe(true);
  else expect(res.status).toBe(discovery.health.expectedStatus);
}

const queryOperations = (discovery: Discovery) =>
  discovery.availableOperations.filter((o) => o.kind === 'query' || o.capabilities.includes('query'));

describe.each(engines.map((e) => e.name))('Command Center connecting to the real server, on %s', (engine) => {
  let database: ServerDatabase;
  let proxied: RunningServer;
  let direct: RunningServer;

  beforeAll(async () => {
    // Both feeds' examples name days the launcher has written (the random numbers' example range).
    database = await prepareServerDatabase({ engine, env: { RANDOM_NUMBERS_START_DATE: '2026-03-01' } });
    [proxied, direct] = await Promise.all([
      launchServer(database.env),
      launchServer({ ...database.env, AUTH_LOCAL_DEV_USER: '1', CORS_ORIGINS: COMMAND_CENTER_ORIGIN }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([proxied?.stop(), direct?.stop()]);
    await database?.dispose();
  });

  it('backend proxy mode: discovers with no credentials, passes the health check, and every query answers its promised frame', async () => {
    const root = proxied.baseUrl;
    const discovery = await discover(root);
    await checkHealth(root, discovery);

    // Branding: /openapi.json's info.x-logo, resolved against the /openapi.json URL, is served.
    const openapi = (await (await call(`${root}/openapi.json`, { headers: { Accept: 'application/json' } })).json()) as {
      info: { 'x-logo': { url: string } };
    };
    const logo = await call(new URL(openapi.info['x-logo'].url, `${root}/openapi.json`).href);
    expect(logo.status).toBe(200);
    expect(logo.headers.get('content-type')).toMatch(/^image\/svg\+xml/);

    const queries = queryOperations(discovery);
    expect(queries.map((o) => o.operationId).sort()).toEqual(['getCustomersFrame', 'getRandomNumbersFrame']);
    const token = await mintTestToken();
    for (const operation of queries) {
      const { url, headers } = queryRequest(root, operation, discovery.secretVariables, { apiToken: token });
      const res = await call(url, { method: operation.method, headers });
      const body = (await res.json()) as { rows: unknown[] };
      expect(res.status, `${operation.operationId} ${url}: ${JSON.stringify(body)}`).toBe(200);
      expect(operation.responseContract).toBe('core.tabular_frame@v1');
      expect(checkFrame(body), `${operation.operationId} ${url}`).toEqual([]);
      expect(body.rows.length, `${operation.operationId} ${url} answered no rows`).toBeGreaterThan(0);

      // Without the injected token the same request is refused: the secret is what authorises it.
      const anonymous = await call(url, { method: operation.method, headers: { Accept: 'application/json' } });
      expect(anonymous.status).toBe(401);
    }
  });

  it('direct debug mode: a browser on the Command Center origin, with no credentials, discovers, checks health and reads every query under CORS', async () => {
    const root = direct.baseUrl;
    const origin = { Origin: COMMAND_CENTER_ORIGIN };
    const discovery = await discover(root, origin);
    await checkHealth(root, discovery);
    const queries = queryOperations(discovery);
    expect(queries.length).toBeGreaterThan(0);
    for (const operation of queries) {
      const { url, headers } = queryRequest(root, operation, discovery.secretVariables, {});
      const preflight = await call(url, {
        method: 'OPTIONS',
        headers: { ...origin, 'Access-Control-Request-Method': operation.method, 'Access-Control-Request-Headers': 'content-type' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(COMMAND_CENTER_ORIGIN);
      const res = await call(url, { method: operation.method, headers: { ...headers, ...origin } });
      expect(res.status, `${operation.operationId} ${url}`).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(COMMAND_CENTER_ORIGIN);
      expect(checkFrame(await res.json())).toEqual([]);
    }
  });
});
