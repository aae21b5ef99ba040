import { canonicalJson, sha256Hex } from './canonical-json.js';
import { healthCheck } from './discovery-health.js';
import { listedOperations, type ListedOperation } from './discovery-operations.js';
import { CommandCenterContractError, type ConnectionContract, type DiscoveryLogo, type DiscoverySecretVariable } from './discovery-types.js';

type Raw = Record<string, unknown>;

/** What the discovery document needs besides the contract. */
export interface ConnectionContractOptions {
  /**
   * The API root as the public reaches it (PUBLIC_BASE_URL, no trailing slash). Only with it are
   * `apiBaseUrl` and the logos (which must be absolute) written; never from a request's Host.
   */
  publicBaseUrl?: string | undefined;
}

/** Where Command Center reads the OpenAPI document, relative to the API root. */
const OPENAPI_JSON_PATH = '/openapi.json';

/**
 * Derives the Adapter From API discovery document from the contract (run once at start-up): the
 * adapter from `info`, one entry per operation whose `x-command-center` is not `false`, the health
 * check, and one secret (the API token) per bearer scheme the listed operations use.
 * `openapi.checksum` is the SHA-256 of the `/openapi.json` body (the document as JSON), and
 * `checksum` that of this document's canonical JSON without it, so both are the same on every
 * start with the same contract and settings.
 */
export function deriveConnectionContract(document: Raw, options: ConnectionContractOptions = {}): ConnectionContract {
  const info = (document.info ?? {}) as { title?: string; summary?: string; description?: string; 'x-logo'?: Raw };
  const listed = listedOperations(document);
  if (listed.length === 0) throw new CommandCenterContractError('the contract', 'no operation is offered to Command Center');
  const logo = options.publicBaseUrl ? absoluteLogo(info['x-logo'], options.publicBaseUrl) : undefined;
  const title = info.title ?? 'API';
  const derived: ConnectionContract = {
    contractVersion: 1,
    adapter: {
      type: 'adapter-from-api',
      id: slug(title),
      title,
      description: oneLine(info.summary ?? info.description ?? title),
      ...(logo ? { logo } : {}),
    },
    openapi: {
      url: OPENAPI_JSON_PATH,
      version: String(document.openapi),
      checksum: sha256Hex(JSON.stringify(document)),
      ...(logo ? { logo } : {}),
    },
    configVariables: [],
    secretVariables: secretVariables(document, listed),
    availableOperations: listed.map((l) => l.operation),
    health: healthCheck(listed),
    ...(options.publicBaseUrl ? { apiBaseUrl: options.publicBaseUrl } : {}),
  };
  return { ...derived, checksum: sha256Hex(canonicalJson(derived)) };
}

/** One API token per kind of credential the listed operations accept (this contract: a bearer JWT). */
function secretVariables(document: Raw, listed: readonly ListedOperation[]): DiscoverySecretVariable[] {
  const schemes = ((document.components as Raw | undefined)?.securitySchemes ?? {}) as Record<string, { type?: string; scheme?: string; description?: string }>;
  const used = new Set(listed.flatMap((l) => l.security.flatMap((requirement) => Object.keys(requirement))));
  const scopes = [...new Set(listed.flatMap((l) => l.security.flatMap((requirement) => Object.values(requirement).flat())))].sort();
  const secrets: DiscoverySecretVariable[] = [];
  for (const name of used) {
    const scheme = schemes[name];
    if (scheme?.type !== 'http' || scheme.scheme?.toLowerCase() !== 'bearer') {
      throw new CommandCenterContractError('the contract', `security scheme ${name} is not an HTTP bearer scheme, the only kind derived for Command Center`);
    }
    if (secrets.length > 0) continue;
    secrets.push({
      key: 'apiToken',
      label: 'API token',
      type: 'secret',
      required: true,
      description: `Sent as Authorization: Bearer <token>. ${firstSentence(scheme.description ?? 'A bearer token.')}${scopes.length > 0 ? ` Scopes the operations ask for: ${scopes.join(', ')}.` : ''}`,
      injection: { type: 'bearer' },
    });
  }
  return secrets;
}

/** `info.x-logo` with its URLs made absolute against the `/openapi.json` URL (as Command Center resolves them). */
function absoluteLogo(xLogo: Raw | undefined, publicBaseUrl: string): DiscoveryLogo | undefined {
  if (!xLogo || typeof xLogo.url !== 'string') return undefined;
  const base = `${publicBaseUrl}${OPENAPI_JSON_PATH}`;
  const logo: DiscoveryLogo = { url: httpUrl(xLogo.url, base) };
  if (typeof xLogo.altText === 'string' && /\S/.test(xLogo.altText)) logo.altText = xLogo.altText;
  if (typeof xLogo.backgroundColor === 'string' && /\S/.test(xLogo.backgroundColor)) logo.backgroundColor = xLogo.backgroundColor;
  if (typeof xLogo.href === 'string') logo.href = httpUrl(xLogo.href, base);
  logo.source = 'openapi.info.x-logo';
  return logo;
}

function httpUrl(reference: string, base: string): string {
  const url = new URL(reference, base);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CommandCenterContractError('info.x-logo', `${reference} does not resolve to an http(s) URL`);
  }
  return url.href;
}

/** `Tutorial API` -> `tutorial-api`: a stable id from the title. */
function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'api';
}

function firstSentence(text: string): string {
  const line = oneLine(text);
  const end = line.search(/\.(\s|$)/);
  return end < 0 ? line : line.slice(0, end + 1);
}

function oneLine(text: string): string {
  return text.trim().split(/\n\s*\n/)[0]!.replace(/\s+/g, ' ');
}
