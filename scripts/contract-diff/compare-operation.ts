import type { ChangeLog } from './change.js';
import { compareSchemas } from './compare-schemas.js';
import { deref, type OpenApiDocument } from './openapi-document.js';
import type { IndexedOperation } from './operation-index.js';

/** The two documents and the log, shared by the comparers of one contract pair. */
export interface DiffContext {
  base: OpenApiDocument;
  head: OpenApiDocument;
  log: ChangeLog;
}

/** Compares one operation as it was (`from`) with what it became (`to`): id, parameters, body, responses. */
export function compareOperation(context: DiffContext, from: IndexedOperation, to: IndexedOperation): void {
  const { log } = context;
  if (from.operationId !== to.operationId) {
    log.breaking('operation-renamed', to.key, `operationId ${from.operationId ?? 'none'} -> ${to.operationId ?? 'none'}: generated clients lose the method`);
  }
  compareSecurity(context, from, to);
  compareParameters(context, from, to);
  compareRequestBody(context, from, to);
  compareResponses(context, from, to);
}

/** Security requirements in effect for an operation: its own, else the document's. */
function securityOf(document: OpenApiDocument, op: IndexedOperation): Record<string, string[]>[] {
  return (op.operation.security ?? document.security ?? []) as Record<string, string[]>[];
}

function compareSecurity(context: DiffContext, from: IndexedOperation, to: IndexedOperation): void {
  const before = securityOf(context.base, from);
  const after = securityOf(context.head, to);
  const anonymous = (requirements: Record<string, string[]>[]) => requirements.length === 0 || requirements.some((r) => Object.keys(r).length === 0);
  if (anonymous(before) && !anonymous(after)) {
    context.log.breaking('security-added', to.key, `now requires ${after.map((r) => Object.keys(r).join(' + ')).join(' or ')}: calls without credentials are refused`);
    return;
  }
  if (!anonymous(before) && anonymous(after)) {
    context.log.additive('security-removed', to.key, 'no longer requires credentials');
    return;
  }
  const granted = new Set(before.flatMap((r) => Object.entries(r).flatMap(([scheme, scopes]) => scopes.map((s) => `${scheme}:${s}`))));
  const needed = after.flatMap((r) => Object.entries(r).flatMap(([scheme, scopes]) => scopes.map((s) => `${scheme}:${s}`)));
  const extra = [...new Set(needed.filter((scope) => !granted.has(scope)))];
  if (extra.length > 0 && !anonymous(after)) {
    context.log.breaking('security-added', to.key, `now requires scope ${extra.join(', ')}: existing tokens may be refused`);
  }
}

function compareParameters(context: DiffContext, from: IndexedOperation, to: IndexedOperation): void {
  const { log } = context;
  const removed = [...from.parameters.keys()].filter((key) => !to.parameters.has(key));
  const added = [...to.parameters.keys()].filter((key) => !from.parameters.has(key));
  const describe = (key: string) => key.replace(':', ' ');
  for (const key of removed) {
    const location = key.split(':')[0];
    const replacements = added.filter((k) => k.startsWith(`${location}:`));
    const sameLocationRemoved = removed.filter((k) => k.startsWith(`${location}:`));
    if (replacements.length === 1 && sameLocationRemoved.length === 1) {
      log.breaking('parameter-renamed', to.key, `${describe(key)} renamed to ${replacements[0]!.split(':')[1]}: clients still send the old name`);
      added.splice(added.indexOf(replacements[0]!), 1);
      compareParameter(context, to.key, from.parameters.get(key)!, to.parameters.get(replacements[0]!)!, replacements[0]!);
    } else {
      log.breaking('parameter-removed', to.key, `${describe(key)} removed: clients sending it are refused or ignored`);
    }
  }
  for (const key of added) {
    const parameter = to.parameters.get(key)!;
    if (parameter.required) log.breaking('parameter-required-added', to.key, `new required ${describe(key)}: existing calls omit it`);
    else log.additive('parameter-added', to.key, `new optional ${describe(key)}`);
  }
  for (const [key, before] of from.parameters) {
    const after = to.parameters.get(key);
    if (after) compareParameter(context, to.key, before, after, key);
  }
}

function compareParameter(context: DiffContext, where: string, before: Record<string, any>, after: Record<string, any>, key: string): void {
  const label = `${where} ${key.replace(':', ' ')}`;
  if (!before.required && after.required) context.log.breaking('parameter-required-added', label, 'optional parameter became required');
  compareSchemas({ ...context, direction: 'request' }, before.schema, after.schema, label);
}

function compareRequestBody(context: DiffContext, from: IndexedOperation, to: IndexedOperation): void {
  const { log } = context;
  const before = deref(context.base, from.operation.requestBody);
  const after = deref(context.head, to.operation.requestBody);
  const where = `${to.key} request body`;
  if (!before && !after) return;
  if (before && !after) {
    log.breaking('request-body-removed', where, 'the operation no longer takes a body');
    return;
  }
  if (after?.required && !before?.required) log.breaking('request-body-required-added', where, 'a request body is now required');
  if (!before) return;
  for (const [mediaType, content] of Object.entries<Record<string, unknown>>(before.content ?? {})) {
    const next = after!.content?.[mediaType];
    if (!next) log.breaking('request-media-type-removed', where, `${mediaType} is no longer accepted`);
    else compareSchemas({ ...context, direction: 'request' }, content.schema, next.schema, where);
  }
}

function compareResponses(context: DiffContext, from: IndexedOperation, to: IndexedOperation): void {
  const { log } = context;
  const before = (from.operation.responses ?? {}) as Record<string, unknown>;
  const after = (to.operation.responses ?? {}) as Record<string, unknown>;
  for (const status of Object.keys(before)) {
    const where = `${to.key} response ${status}`;
    if (!(status in after)) {
      log.breaking('response-status-removed', where, `status ${status} is no longer documented`);
      continue;
    }
    const was = deref(context.base, before[status]) ?? {};
    const is = deref(context.head, after[status]) ?? {};
    for (const [mediaType, content] of Object.entries<Record<string, unknown>>(was.content ?? {})) {
      const next = is.content?.[mediaType];
      if (!next) log.breaking('response-media-type-removed', where, `${mediaType} is no longer returned`);
      else compareSchemas({ ...context, direction: 'response' }, content.schema, next.schema, where);
    }
  }
  for (const status of Object.keys(after)) {
    if (!(status in before)) log.additive('response-status-added', `${to.key} response ${status}`, `status ${status} documented`);
  }
}
