import { sha256Hex } from './canonical-json.js';
import {
  completeConnectionContract,
  type ConnectionContractOptions,
  type DerivedDiscovery,
  OPENAPI_JSON_PATH,
} from './discovery-completion.js';
import { healthCheck } from './discovery-health.js';
import { type ListedOperation, listedOperations } from './discovery-operations.js';
import { CommandCenterContractError, type ConnectionContract, type DiscoverySecretVariable } from './discovery-types.js';

type Raw = Record<string, unknown>;

export type { ConnectionContractOptions, DerivedDiscovery };

/**
 * Derives the Adapter From API discovery document from the contract: the adapter from `info`,
 * one entry per operation whose `x-command-center` is not `false`, the health check, and one
 * secret (the API token) per bearer scheme the listed operations use. `openapi.checksum` is the
 * SHA-256 of the `/openapi.json` body (the document as JSON), and `checksum` that of this
 * document's canonical JSON without it, so both are the same on every start with the same
 * contract and settings.
 */
export function deriveConnectionContract(document: Raw, options: ConnectionContractOptions = {}): ConnectionContract {
  return completeConnectionContract(deriveDiscovery(document), document, options);
}

/**
 * What of the discovery document the contract alone decides: everything but the deployment's
 * public URL (the logos and `apiBaseUrl`) and the checksum. `npm run build` derives it with the
 * compiled contract (scripts/build/contract/), so a malformed `x-command-center` stops the build
 * and the server compiles no schema to check the extensions at start-up.
 */
export function deriveDiscovery(document: Raw): DerivedDiscovery {
  const info = (document.info ?? {}) as { title?: string; summary?: string; description?: string };
  const listed = listedOperations(document);
  if (listed.length === 0) throw new CommandCenterContractError('the contract', 'no operation is offered to Command Center');
  const title = info.title ?? 'API';
  return {
    contractVersion: 1,
    adapter: { type: 'adapter-from-api', id: slug(title), title, description: oneLine(info.summary ?? info.description ?? title) },
    openapi: { url: OPENAPI_JSON_PATH, version: String(document.openapi), checksum: sha256Hex(JSON.stringify(document)) },
    configVariables: [],
    secretVariables: secretVariables(document, listed),
    availableOperations: listed.map((l) => l.operation),
    health: healthCheck(listed),
  };
}

/** One API token per kind of credential the listed operations accept (this contract: a bearer JWT). */
function secretVariables(document: Raw, listed: readonly ListedOperation[]): DiscoverySecretVariable[] {
  const schemes = ((document.components as Raw | undefined)?.securitySchemes ?? {}) as Record<
    string,
    { type?: string; scheme?: string; description?: string }
  >;
  const used = new Set(listed.flatMap((l) => l.security.flatMap((requirement) => Object.keys(requirement))));
  const scopes = [...new Set(listed.flatMap((l) => l.security.flatMap((requirement) => Object.values(requirement).flat())))].sort();
  const secrets: DiscoverySecretVariable[] = [];
  for (const name of used) {
    const scheme = schemes[name];
    if (scheme?.type !== 'http' || scheme.scheme?.toLowerCase() !== 'bearer') {
      throw new CommandCenterContractError(
        'the contract',
        `security scheme ${name} is not an HTTP bearer scheme, the only kind derived for Command Center`,
      );
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

/** `Tutorial API` -> `tutorial-api`: a stable id from the title. */
function slug(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'api'
  );
}

function firstSentence(text: string): string {
  const line = oneLine(text);
  const end = line.search(/\.(\s|$)/);
  return end < 0 ? line : line.slice(0, end + 1);
}

function oneLine(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)[0]!
    .replace(/\s+/g, ' ');
}
