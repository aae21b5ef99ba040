import type { ChangeLog } from './change.js';
import { deref, type OpenApiDocument, type Schema } from './openapi-document.js';
import { compareBounds } from './schema-bounds.js';
import { allowedValues, typesCovered, typesOf } from './schema-types.js';

/** Which way data flows: clients send requests (narrowing breaks them) and read responses (removal and widening do). */
export type Direction = 'request' | 'response';

/** What a schema comparison needs besides the two schemas. */
export interface SchemaContext {
  base: OpenApiDocument;
  head: OpenApiDocument;
  log: ChangeLog;
  direction: Direction;
  /** Pairs already compared, so recursive schemas terminate. */
  seen?: WeakMap<object, WeakSet<object>>;
}

const show = (value: unknown) => (value === undefined ? 'none' : JSON.stringify(value));

/** Compares two versions of a schema found at `where` and logs every classified difference. */
export function compareSchemas(context: SchemaContext, baseRaw: unknown, headRaw: unknown, where: string): void {
  const base = flatten(context.base, baseRaw);
  const head = flatten(context.head, headRaw);
  if (!base || !head) return;
  const seen = (context.seen ??= new WeakMap());
  const pairs = seen.get(base) ?? new WeakSet();
  if (pairs.has(head)) return;
  pairs.add(head);
  seen.set(base, pairs);

  const { log, direction } = context;
  compareTypes(context, base, head, where);
  compareEnums(context, base, head, where);
  if (direction === 'request') {
    for (const bound of compareBounds(base, head)) {
      const message = `${bound.keyword} ${show(bound.from)} -> ${show(bound.to)}`;
      if (bound.narrowed) log.breaking('bounds-narrowed', where, `${message}: values clients send today may be refused`);
      else log.additive('bounds-widened', where, message);
    }
  }
  if (JSON.stringify(base.default) !== JSON.stringify(head.default)) {
    if (base.default === undefined) log.additive('default-added', where, `default ${show(head.default)}`);
    else log.breaking('default-changed', where, `default ${show(base.default)} -> ${show(head.default)}: clients that omit it get different behaviour`);
  }
  compareProperties(context, base, head, where);
  if (base.items !== undefined || head.items !== undefined) compareSchemas(context, base.items, head.items, `${where}[]`);
  if (isSchema(base.additionalProperties) && isSchema(head.additionalProperties)) {
    compareSchemas(context, base.additionalProperties, head.additionalProperties, `${where}.*`);
  }
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const from = base[keyword] as unknown[] | undefined;
    const to = head[keyword] as unknown[] | undefined;
    if (from && to && from.length === to.length) from.forEach((variant, i) => compareSchemas(context, variant, to[i], `${where} (${keyword}[${i}])`));
  }
}

function compareTypes(context: SchemaContext, base: Schema, head: Schema, where: string): void {
  const from = typesOf(base);
  const to = typesOf(head);
  const label = (types: Set<string>) => [...types].join(' | ');
  if (context.direction === 'request') {
    if (!typesCovered(from, to)) context.log.breaking('type-narrowed', where, `type ${label(from)} -> ${label(to)}: values clients send today may be refused`);
    else if (!typesCovered(to, from)) context.log.additive('type-widened', where, `type ${label(from)} -> ${label(to)}`);
    if (base.additionalProperties !== false && head.additionalProperties === false && from.has('object')) {
      context.log.breaking('type-narrowed', where, 'additionalProperties: false added: extra fields clients send today are refused');
    }
  } else if (!typesCovered(to, from)) {
    context.log.breaking('response-type-changed', where, `type ${label(from)} -> ${label(to)}: clients may receive values they cannot read`);
  }
}

function compareEnums(context: SchemaContext, base: Schema, head: Schema, where: string): void {
  const from = allowedValues(base);
  const to = allowedValues(head);
  if (!from && !to) return;
  if (context.direction === 'request') {
    const removed = from ? from.filter((v) => !to || !to.includes(v)) : [];
    if (!from && to) context.log.breaking('enum-narrowed', where, `now limited to ${to.join(', ')}`);
    else if (removed.length > 0 && to) context.log.breaking('enum-narrowed', where, `no longer accepts ${removed.join(', ')}`);
    const added = to && from ? to.filter((v) => !from.includes(v)) : [];
    if (added.length > 0 || (from && !to)) context.log.additive('enum-widened', where, added.length > 0 ? `also accepts ${added.join(', ')}` : 'no longer limited to a list');
  } else {
    const added = from ? (to ?? ['any value']).filter((v) => !from.includes(v)) : [];
    if (added.length > 0) context.log.breaking('response-enum-widened', where, `may now return ${added.join(', ')}, which clients do not expect`);
  }
}

function compareProperties(context: SchemaContext, base: Schema, head: Schema, where: string): void {
  const { log, direction } = context;
  const fromProps = (base.properties ?? {}) as Record<string, unknown>;
  const toProps = (head.properties ?? {}) as Record<string, unknown>;
  const fromRequired = new Set<string>(base.required ?? []);
  const toRequired = new Set<string>(head.required ?? []);
  for (const name of Object.keys(fromProps)) {
    const at = `${where}.${name}`;
    if (!(name in toProps)) {
      if (direction === 'response') log.breaking('response-field-removed', at, 'field removed: clients reading it break');
      else log.breaking('request-field-removed', at, 'field removed: clients sending it may be refused');
      continue;
    }
    if (direction === 'request' && !fromRequired.has(name) && toRequired.has(name)) {
      log.breaking('request-field-required-added', at, 'optional field became required');
    }
    if (direction === 'response' && fromRequired.has(name) && !toRequired.has(name)) {
      log.breaking('response-field-optional', at, 'field is no longer required: clients relying on it may find it missing');
    }
    compareSchemas(context, fromProps[name], toProps[name], at);
  }
  for (const name of Object.keys(toProps)) {
    if (name in fromProps) continue;
    const at = `${where}.${name}`;
    if (direction === 'request' && toRequired.has(name)) log.breaking('request-field-required-added', at, 'new required field: requests without it are refused');
    else log.additive(direction === 'request' ? 'request-field-added' : 'response-field-added', at, 'new optional field');
  }
}

/** Resolves `$ref` and merges `allOf` parts into one schema (properties and required united). */
function flatten(document: OpenApiDocument, raw: unknown): Schema | undefined {
  const schema = deref<Schema>(document, raw);
  if (!schema || !Array.isArray(schema.allOf)) return schema;
  const { allOf, ...rest } = schema;
  const merged: Schema = { ...rest, properties: { ...(rest.properties ?? {}) }, required: [...(rest.required ?? [])] };
  for (const part of allOf as unknown[]) {
    const resolved = flatten(document, part) ?? {};
    Object.assign(merged.properties, resolved.properties ?? {});
    merged.required.push(...(resolved.required ?? []));
    for (const [key, value] of Object.entries(resolved)) if (!(key in merged)) merged[key] = value;
  }
  return merged;
}

function isSchema(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}
