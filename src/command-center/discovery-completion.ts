import { canonicalJson, sha256Hex } from './canonical-json.js';
import { CommandCenterContractError, type ConnectionContract, type DiscoveryLogo } from './discovery-types.js';

type Raw = Record<string, unknown>;

/** What the discovery document needs besides the contract. */
export interface ConnectionContractOptions {
  /**
   * The API root as the public reaches it (PUBLIC_BASE_URL, no trailing slash). Only with it are
   * `apiBaseUrl` and the logos (which must be absolute) written; never from a request's Host.
   */
  publicBaseUrl?: string | undefined;
}

/** The discovery document as the contract alone decides it (see `deriveDiscovery`): no logos, no `apiBaseUrl`, no checksum. */
export type DerivedDiscovery = Omit<ConnectionContract, 'checksum' | 'apiBaseUrl'>;

/** Where Command Center reads the OpenAPI document, relative to the API root. */
export const OPENAPI_JSON_PATH = '/openapi.json';

/**
 * The served discovery document: what the contract decided, with the logos (`info.x-logo`, made
 * absolute) and `apiBaseUrl` when the deployment's public URL is known, and the checksum of it all.
 */
export function completeConnectionContract(
  derived: DerivedDiscovery,
  document: Raw,
  options: ConnectionContractOptions = {},
): ConnectionContract {
  const info = (document.info ?? {}) as { 'x-logo'?: Raw };
  const logo = options.publicBaseUrl ? absoluteLogo(info['x-logo'], options.publicBaseUrl) : undefined;
  const complete: Omit<ConnectionContract, 'checksum'> = {
    ...derived,
    adapter: { ...derived.adapter, ...(logo ? { logo } : {}) },
    openapi: { ...derived.openapi, ...(logo ? { logo } : {}) },
    ...(options.publicBaseUrl ? { apiBaseUrl: options.publicBaseUrl } : {}),
  };
  return { ...complete, checksum: sha256Hex(canonicalJson(complete)) };
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
