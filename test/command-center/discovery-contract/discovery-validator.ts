import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';

/** A custom keyword's check: reports its errors on itself, as ajv reads them. */
type KeywordCheck = ((schema: unknown, data: unknown) => boolean) & { errors?: Partial<ErrorObject>[] };

const HERE = import.meta.dirname;

/** One reason a document breaks the discovery contract. */
export interface DiscoveryViolation {
  path: string;
  keyword: string;
  message: string;
}

/**
 * A validator of the Adapter From API discovery contract (version 1) built from the JSON Schema
 * 2020-12 beside this file, which was written from the facts, not from openapi.yaml.
 * Two facts no standard keyword can state are keywords of this schema: operationIds are unique,
 * and the health operation is one of them.
 */
export function discoveryValidator(): (document: unknown) => DiscoveryViolation[] {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  ajv.addKeyword({ keyword: 'uniqueOperationIds', type: 'array', schemaType: 'boolean', validate: uniqueOperationIds, errors: true });
  ajv.addKeyword({
    keyword: 'healthOperationListed',
    type: 'object',
    schemaType: 'boolean',
    validate: healthOperationListed,
    errors: true,
  });
  const validate = ajv.compile(JSON.parse(readFileSync(join(HERE, 'adapter-from-api-discovery.schema.json'), 'utf8')));
  return (document) =>
    validate(document)
      ? []
      : (validate.errors ?? []).map((e: ErrorObject) => ({
          path: e.instancePath || '/',
          keyword: e.keyword,
          message: e.message ?? 'is invalid',
        }));
}

const uniqueOperationIds: KeywordCheck = function (enabled: unknown, operations: unknown) {
  if (!enabled || !Array.isArray(operations)) return true;
  const ids = operations.map((o) => (o as { operationId?: unknown }).operationId);
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (repeated.length === 0) return true;
  uniqueOperationIds.errors = [{ keyword: 'uniqueOperationIds', message: `operationIds repeat: ${repeated.join(', ')}`, params: {} }];
  return false;
};

const healthOperationListed: KeywordCheck = function (enabled: unknown, document: unknown) {
  const { health, availableOperations } = document as { health?: { operationId?: unknown }; availableOperations?: unknown };
  if (!enabled || !health || !Array.isArray(availableOperations)) return true;
  if (availableOperations.some((o) => (o as { operationId?: unknown }).operationId === health.operationId)) return true;
  healthOperationListed.errors = [
    {
      keyword: 'healthOperationListed',
      message: `health.operationId ${String(health.operationId)} is not in availableOperations`,
      params: {},
    },
  ];
  return false;
};

/** The fixture documents beside this file: `valid-*.json` and `invalid-*.json`, by name. */
export function discoveryFixtures(kind: 'valid' | 'invalid'): [name: string, document: unknown][] {
  const dir = join(HERE, 'fixtures');
  return readdirSync(dir)
    .filter((file) => file.startsWith(`${kind}-`) && file.endsWith('.json'))
    .sort()
    .map((file) => [file.slice(0, -'.json'.length), JSON.parse(readFileSync(join(dir, file), 'utf8'))]);
}
