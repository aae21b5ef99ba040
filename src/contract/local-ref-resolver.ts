/**
 * Local `$ref` resolution over a parsed OpenAPI (or JSON Schema) document: a pure function, no
 * I/O, no library state. It is the one resolver the code and the tests share (the Command Center
 * discovery document, the frame builders' row schemas, the contract fuzzer).
 */

/** Keywords whose values are data (examples, enumerations), never schemas or references. */
const DATA_KEYWORDS = new Set(['example', 'enum', 'const']);

/** Keywords whose values map names (of properties, definitions) to schemas: there, `enum` is a name. */
const NAME_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

/**
 * Sibling keywords of a `$ref` that only annotate: merged over the target. Anything else beside a
 * `$ref` constrains further (2020-12 applies both), so the pair becomes `allOf: [target, siblings]`.
 */
const ANNOTATIONS = new Set(['description', 'summary', 'title', 'example', 'examples', 'deprecated', 'readOnly', 'writeOnly', 'default']);

/** What to do with a reference that leads back to itself. */
export type CyclePolicy =
  /** Throw UnresolvableRefError naming the cycle (generators need finite schemas). */
  | 'refuse'
  /**
   * Keep the result self-contained: each recursive target is written once under the result's
   * `$defs` and its occurrences become `{$ref: '#/$defs/<name>'}`.
   */
  | 'bundle';

/** Options of `resolveLocalRefs`. */
export interface ResolveOptions {
  /** Default `refuse`. */
  cycles?: CyclePolicy;
}

/** A `$ref` that cannot be followed: not local, dangling, or (under `refuse`) part of a cycle. */
export class UnresolvableRefError extends Error {
  constructor(
    readonly ref: string,
    reason: string,
  ) {
    super(`cannot resolve $ref ${ref}: ${reason}`);
  }
}

/**
 * A copy of `node` with every local `$ref` (`#/...`, JSON Pointer, `~0`/`~1` and percent escapes
 * honoured) replaced by what it points at in `document`, recursively, so the result stands on its
 * own. Repeated references are each expanded; example values are copied as they are.
 */
export function resolveLocalRefs<T>(document: unknown, node: T, options: ResolveOptions = {}): T {
  const state: ResolutionState = { document, policy: options.cycles ?? 'refuse', recursive: new Map(), defs: {} };
  const resolved = resolveNode(state, node, []);
  if (Object.keys(state.defs).length === 0) return resolved as T;
  if (typeof resolved !== 'object' || resolved === null || Array.isArray(resolved)) {
    throw new UnresolvableRefError([...state.recursive.keys()][0]!, 'a recursive schema can only be bundled into an object');
  }
  return { ...(resolved as object), $defs: { ...((resolved as { $defs?: object }).$defs ?? {}), ...state.defs } } as T;
}

/** The value a local JSON Pointer reference (`#/components/schemas/Customer`) names. */
export function pointerTarget(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) throw new UnresolvableRefError(ref, 'only local references (#/...) are supported');
  if (ref === '#') return document;
  if (!ref.startsWith('#/')) throw new UnresolvableRefError(ref, 'only JSON Pointer fragments (#/...) are supported');
  let current: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) {
      throw new UnresolvableRefError(ref, `nothing at segment '${segment}'`);
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

interface ResolutionState {
  document: unknown;
  policy: CyclePolicy;
  /** ref -> its name under `$defs`, for every reference found to lead back to itself. */
  recursive: Map<string, string>;
  defs: Record<string, unknown>;
}

function resolveNode(state: ResolutionState, node: unknown, stack: string[], namesMap = false): unknown {
  if (Array.isArray(node)) return node.map((item) => resolveNode(state, item, stack));
  if (typeof node !== 'object' || node === null) return node;
  const { $ref, ...rest } = node as Record<string, unknown>;
  const siblings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (namesMap) siblings[key] = resolveNode(state, value, stack);
    else siblings[key] = isData(key, value) ? structuredClone(value) : resolveNode(state, value, stack, NAME_MAPS.has(key));
  }
  if (namesMap || typeof $ref !== 'string') {
    if (namesMap && $ref !== undefined) siblings.$ref = resolveNode(state, $ref, stack);
    return siblings;
  }
  const target = resolveRef(state, $ref, stack);
  const constraints = Object.keys(siblings).filter((key) => !ANNOTATIONS.has(key));
  if (constraints.length > 0) return { allOf: [target, siblings] };
  if (typeof target !== 'object' || target === null || Array.isArray(target)) {
    if (Object.keys(siblings).length > 0) throw new UnresolvableRefError($ref, 'it points at a value that cannot carry sibling keywords');
    return target;
  }
  return { ...(target as object), ...siblings };
}

function resolveRef(state: ResolutionState, ref: string, stack: string[]): unknown {
  if (stack.includes(ref)) {
    if (state.policy === 'refuse') throw new UnresolvableRefError(ref, `it is recursive (${[...stack, ref].join(' -> ')})`);
    return { $ref: `#/$defs/${defName(state, ref)}` };
  }
  const resolved = resolveNode(state, pointerTarget(state.document, ref), [...stack, ref]);
  const name = state.recursive.get(ref);
  if (name === undefined) return resolved;
  state.defs[name] = resolved;
  return { $ref: `#/$defs/${name}` };
}

/** The `$defs` name of a recursive reference: its last pointer segment, made unique. */
function defName(state: ResolutionState, ref: string): string {
  const known = state.recursive.get(ref);
  if (known !== undefined) return known;
  const base = (ref.split('/').pop() ?? 'def').replace(/[^A-Za-z0-9_.-]/g, '_') || 'def';
  const taken = new Set(state.recursive.values());
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
  state.recursive.set(ref, name);
  return name;
}

/** Schema `examples` is a list of values; an OpenAPI media type's `examples` maps names to Example Objects (which may be `$ref`s). */
function isData(key: string, value: unknown): boolean {
  return DATA_KEYWORDS.has(key) || (key === 'examples' && Array.isArray(value));
}
