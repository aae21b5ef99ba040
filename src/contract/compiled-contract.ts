import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { ErrorObject } from 'ajv';

import { runCommonJs } from '../startup/code-cache.js';
import type { ContractDocument } from './contract-document.js';
import { findContractPath } from './contract-path.js';

/** A validator compiled at build time by Ajv's standalone code generation (same interface as Ajv's own). */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** What the contract documents for one status of one operation, as data. */
export interface ResponseFacts {
  /** The first media type documented, or undefined for a response without content. */
  readonly contentType: string | undefined;
  /** The media type carries JSON. */
  readonly json: boolean;
  /** Header names the response must carry. */
  readonly requiredHeaders: readonly string[];
  /** Index of its validator and serializer in the compiled module; undefined when the body is not JSON with a schema. */
  readonly validator: number | undefined;
  readonly serializer: number | undefined;
  /** Index of the validator of its documented header values (coercing, as headers are strings); undefined when it documents none. */
  readonly headerValidator: number | undefined;
}

/** What the contract documents for one status of one operation, compiled. */
export interface CompiledResponse {
  readonly contentType: string | undefined;
  readonly json: boolean;
  readonly requiredHeaders: readonly string[];
  /** Undefined when the media type is not JSON (e.g. the YAML contract itself). */
  readonly validate: CompiledValidator | undefined;
  /**
   * Writes a body that `validate` accepted as JSON (fast-json-stringify, compiled from the same
   * schema): it writes only the properties the schema lists, a second guard against leaking
   * unlisted fields.
   */
  readonly serialize: ((body: unknown) => string) | undefined;
  /**
   * Checks the documented headers' values (`{name: value}`, as strings) against their schemas,
   * converting them in place (`Retry-After: '42'` becomes 42): pass a copy. Undefined when the
   * response documents no header schema.
   */
  readonly validateHeaders: CompiledValidator | undefined;
}

/** Who may call an operation: the scopes a bearer caller must hold (all of them), or undefined for anyone. */
export type OperationSecurity = { readonly scopes: readonly string[] } | undefined;

/** One operation of the contract as data: what the request pipeline needs to know of it. */
export interface OperationFacts {
  readonly operationId: string;
  /** Lower-case HTTP method. */
  readonly method: string;
  /** The path template, e.g. `/customers/{customer_code}`. */
  readonly path: string;
  /** Undefined for a public operation. */
  readonly security: OperationSecurity;
  /**
   * Whether the per-caller rate limit counts its requests: false only for a public operation
   * that says `x-rate-limited: false` (the health and readiness probes).
   */
  readonly rateLimited: boolean;
  /** Undefined when the operation takes no body. */
  readonly requestBody: { readonly required: boolean; readonly mediaTypes: readonly string[] } | undefined;
  /** Where each declared parameter goes (`query`, `path`, `header`), to name a field a service complains about. */
  readonly parameterLocations: Readonly<Record<string, string>>;
  /** Query parameters declared as arrays: a single value is wrapped in an array before validation. */
  readonly arrayQueryParameters: readonly string[];
  /** Whether any parameter is a header: only then may validation coerce or default a header value. */
  readonly headerParameters: boolean;
  /** Parameters typed integer (or list of integers): their values must be decimal digits before they are coerced. */
  readonly integerParameters: readonly { readonly in: 'query' | 'path' | 'header'; readonly name: string }[];
}

/** One operation of the contract as the request pipeline serves it. */
export interface CompiledOperation extends OperationFacts {
  /**
   * openapi-backend's request validators for the operation, in its order (the body's, when
   * there is one, then the parameters'), over its request envelope `{path, query, header,
   * cookie, requestBody}`. The parameters' validator coerces and fills in defaults.
   */
  readonly validateRequest: readonly CompiledValidator[];
  /** Status code (as written in the contract) -> documented response. */
  readonly responses: Readonly<Record<string, CompiledResponse>>;
}

/** The examples the contract documents for one response (what the mock answers with). */
export interface ResponseExamples {
  /** The media type's `example`, else the value of its first entry in `examples`. */
  readonly example: unknown;
  /** `examples` by name (what `Prefer: example=<name>` picks). */
  readonly named: Readonly<Record<string, unknown>>;
  /** The documented headers that have an example, with it. */
  readonly headers: Readonly<Record<string, string>>;
}

/** The module `npm run build` writes (scripts/build/contract/): the contract's data and its compiled functions. */
export interface CompiledContractModule {
  /** SHA-256 (hex) of the openapi.yaml it was compiled from. */
  readonly sourceSha256: string;
  /** openapi.yaml, parsed. */
  readonly document: ContractDocument['document'];
  readonly operations: readonly (OperationFacts & { readonly responses: Readonly<Record<string, ResponseFacts>> })[];
  /** operationId -> its request validators. */
  readonly requestValidators: Readonly<Record<string, readonly CompiledValidator[]>>;
  readonly responseValidators: readonly CompiledValidator[];
  readonly serializers: readonly ((body: unknown) => string)[];
  readonly headerValidators: readonly CompiledValidator[];
  /** operationId -> status -> examples; parsed when called (only the mock needs them). */
  responseExamples(): Readonly<Record<string, Readonly<Record<string, ResponseExamples>>>>;
  /** What of Command Center's discovery document the contract alone decides (command-center/connection-contract.ts `deriveDiscovery`). */
  readonly commandCenterDiscovery: Readonly<Record<string, unknown>>;
}

/** The contract as the server runs it: the document, and its operations compiled. */
export interface CompiledContract extends ContractDocument {
  readonly operations: readonly CompiledOperation[];
  /** operationId -> status -> the examples the contract documents. */
  responseExamples(): Readonly<Record<string, Readonly<Record<string, ResponseExamples>>>>;
  /** What of Command Center's discovery document the contract alone decides, derived at build time. */
  readonly commandCenterDiscovery: Readonly<Record<string, unknown>>;
}

/** The compiled contract is missing or was compiled from another openapi.yaml. */
export class CompiledContractError extends Error {
  override readonly name = 'CompiledContractError';
}

/** Where `npm run build` writes the compiled contract for the openapi.yaml at `contractPath`. */
export function compiledContractPath(contractPath: string): string {
  return join(dirname(contractPath), 'dist', 'contract', 'compiled-contract.cjs');
}

/** SHA-256 (hex) of a contract's text. */
export function contractSha256(yaml: string): string {
  return createHash('sha256').update(yaml).digest('hex');
}

/**
 * Loads the compiled contract: nothing is compiled here. Refuses (one line saying to run
 * `npm run build`) when the build is missing or was made from another openapi.yaml than the one
 * beside it now, so a server never validates against a contract it does not serve.
 *
 * Run with the V8 code cache the build writes beside it (src/startup/code-cache.ts): compiling
 * its 0.9 MB without one is most of the module's load time.
 */
export async function loadCompiledContract(path = findContractPath(), modulePath = compiledContractPath(path)): Promise<CompiledContract> {
  const yaml = readFileSync(path, 'utf8');
  if (!existsSync(modulePath)) {
    throw new CompiledContractError(`the compiled contract ${modulePath} is missing; run \`npm run build\``);
  }
  const compiled = runCommonJs(modulePath).exports as CompiledContractModule;
  if (compiled.sourceSha256 !== contractSha256(yaml)) {
    throw new CompiledContractError(`the compiled contract ${modulePath} was built from another openapi.yaml; run \`npm run build\``);
  }
  const document = compiled.document;
  const operations = compiled.operations.map((facts) => compiledOperation(facts, compiled));
  return Object.freeze({
    path,
    yaml,
    document,
    version: document.info.version,
    operations,
    responseExamples: compiled.responseExamples,
    commandCenterDiscovery: compiled.commandCenterDiscovery,
  });
}

function compiledOperation(facts: CompiledContractModule['operations'][number], compiled: CompiledContractModule): CompiledOperation {
  const responses: Record<string, CompiledResponse> = {};
  for (const [status, response] of Object.entries(facts.responses)) {
    responses[status] = Object.freeze({
      contentType: response.contentType,
      json: response.json,
      requiredHeaders: response.requiredHeaders,
      validate: response.validator === undefined ? undefined : compiled.responseValidators[response.validator],
      serialize: response.serializer === undefined ? undefined : compiled.serializers[response.serializer],
      validateHeaders: response.headerValidator === undefined ? undefined : compiled.headerValidators[response.headerValidator],
    });
  }
  return Object.freeze({
    ...facts,
    validateRequest: compiled.requestValidators[facts.operationId] ?? [],
    responses: Object.freeze(responses),
  });
}
