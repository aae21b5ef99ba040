const ANNOTATIONS = new Set(['description', 'summary', 'title', 'example', 'examples', 'deprecated', 'readOnly', 'writeOnly']);

/** A `$ref` the resolver cannot follow: not local, dangling, or part of a cycle. */
export class UnresolvableRefError extends Error {
  constructor(
    readonly ref: string,
    reason: string,
  ) {
    super(`cannot resolve $ref ${ref}: ${reason}`);
  }
}

/**
 * Returns a copy of `node` with every local `$ref` (`#/components/...`) replaced by what it
 * points at, recursively, so generators and validators see plain schemas. A `$ref` with
 * constraint siblings becomes `allOf: [target, siblings]` (2020-12 semantics); annotation
 * siblings such as `description` are simply kept. Recursive schemas are refused: the fuzzer
 * could not generate finite values for them without a depth policy nobody has asked for yet.
 */
export function dereference<T>(document: unknown, node: T): T {
  return resolve(document, node, []) as T;
}

function resolve(document: unknown, node: unknown, stack: string[]): unknown {
  if (Array.isArray(node)) return node.map((item) => resolve(document, item, stack));
  if (typeof node !== 'object' || node === null) return node;
  const { $ref, ...rest } = node as Record<string, unknown>;
  const resolvedRest = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, resolve(document, value, stack)]));
  if (typeof $ref !== 'string') return resolvedRest;
  if (stack.includes($ref)) throw new UnresolvableRefError($ref, `it is recursive (${[...stack, $ref].join(' -> ')})`);
  const target = resolve(document, pointerTarget(document, $ref), [...stack, $ref]) as Record<string, unknown>;
  const constraints = Object.keys(resolvedRest).filter((key) => !ANNOTATIONS.has(key));
  if (constraints.length > 0) return { allOf: [target, resolvedRest] };
  return { ...target, ...resolvedRest };
}

function pointerTarget(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new UnresolvableRefError(ref, 'only local references (#/...) are supported');
  let current: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof current !== 'object' || current === null || !(segment in current)) {
      throw new UnresolvableRefError(ref, `nothing at segment '${segment}'`);
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
