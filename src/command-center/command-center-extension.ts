import { Ajv } from 'ajv';

import { CommandCenterContractError, type DiscoveryCache, type OperationKind } from './discovery-types.js';

/** What an operation's `x-command-center` states: how Command Center may use it. */
export interface CommandCenterUsage {
  kind: OperationKind;
  capabilities: OperationKind[];
  label: string;
  responseContract?: string;
  requiresTimeRange: boolean;
  supportsMaxRows: boolean;
  supportsVariables?: boolean;
  cache?: DiscoveryCache;
  /** Present on the one operation Command Center's health check calls. */
  healthCheck?: { timeoutMs: number };
}

/** The extension's name in openapi.yaml; `make lint` requires it on every operation. */
export const EXTENSION = 'x-command-center';

/** How long the health check may take when `healthCheck` does not say. */
const DEFAULT_HEALTH_TIMEOUT_MS = 5_000;

const KINDS = ['query', 'resource', 'mutation'];
const TEXT = { type: 'string', pattern: '\\S' };

/** The extension's shape (it lives in openapi.yaml, where no schema can describe an extension). */
const USAGE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'label'],
  properties: {
    kind: { enum: KINDS },
    capabilities: { type: 'array', uniqueItems: true, items: { enum: KINDS } },
    label: TEXT,
    responseContract: TEXT,
    requiresTimeRange: { type: 'boolean' },
    supportsMaxRows: { type: 'boolean' },
    supportsVariables: { type: 'boolean' },
    cache: {
      type: 'object',
      additionalProperties: false,
      required: ['policy'],
      properties: {
        policy: { enum: ['safe', 'disabled'] },
        ttlMs: { type: 'integer', minimum: 0 },
        dedupeInFlight: { type: 'boolean' },
      },
    },
    healthCheck: {
      type: 'object',
      additionalProperties: false,
      properties: { timeoutMs: { type: 'integer', minimum: 1 } },
    },
  },
} as const;

let validateUsage: ReturnType<Ajv['compile']> | undefined;

/**
 * Reads the `x-command-center` of one operation: `false` keeps it out of Command Center, an
 * object states how it may be used. A missing or malformed extension throws, naming the operation.
 */
export function commandCenterUsage(operationId: string, operation: Record<string, unknown>): CommandCenterUsage | false {
  const raw = operation[EXTENSION];
  if (raw === false) return false;
  if (raw === undefined) {
    throw new CommandCenterContractError(
      operationId,
      `missing: state how Command Center may use the operation, or write ${EXTENSION}: false`,
    );
  }
  validateUsage ??= new Ajv({ allErrors: true }).compile(USAGE_SCHEMA);
  if (!validateUsage(raw)) {
    const problems = (validateUsage.errors ?? []).map(
      (e) =>
        `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
    );
    throw new CommandCenterContractError(operationId, problems.join('; '));
  }
  const usage = raw as Omit<CommandCenterUsage, 'capabilities' | 'requiresTimeRange' | 'supportsMaxRows' | 'healthCheck'> &
    Partial<Pick<CommandCenterUsage, 'capabilities' | 'requiresTimeRange' | 'supportsMaxRows'>> & { healthCheck?: { timeoutMs?: number } };
  const { healthCheck, ...stated } = usage;
  return {
    ...stated,
    capabilities: stated.capabilities ?? [stated.kind],
    requiresTimeRange: stated.requiresTimeRange ?? false,
    supportsMaxRows: stated.supportsMaxRows ?? false,
    ...(healthCheck ? { healthCheck: { timeoutMs: healthCheck.timeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS } } : {}),
  };
}

/** Whether Command Center's query authoring may offer the operation. */
export function isQueryCapable(usage: Pick<CommandCenterUsage, 'kind' | 'capabilities'>): boolean {
  return usage.kind === 'query' || usage.capabilities.includes('query');
}
