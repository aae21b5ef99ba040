import { pointerTarget, resolveLocalRefs } from '../contract/local-ref-resolver.js';
import type { PropertySchema, RowSchema } from './frame-types.js';

/** Reads component schemas out of a parsed OpenAPI document, resolving local `$ref`s. */
export class ContractSchemas {
  constructor(private readonly document: object) {}

  /** The component schema `name` (e.g. `Customer`) as a row schema, every `$ref` in it resolved. */
  row(name: string): RowSchema {
    const ref = `#/components/schemas/${name}`;
    if (!isObject(pointerTargetOrUndefined(this.document, ref))) throw new Error(`contract has no schema ${name}`);
    return resolveLocalRefs(this.document, { $ref: ref }) as RowSchema;
  }

  /** Resolves a local reference such as `#/components/schemas/<name>`. */
  readonly resolve = (ref: string): PropertySchema => resolveLocalRefs(this.document, { $ref: ref }) as PropertySchema;
}

function pointerTargetOrUndefined(document: object, ref: string): unknown {
  try {
    return pointerTarget(document, ref);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}
