import type { PropertySchema, RowSchema } from './frame-types.js';

/** Reads component schemas out of a parsed OpenAPI document, resolving local `$ref`s. */
export class ContractSchemas {
  constructor(private readonly document: object) {}

  /** The component schema `name` (e.g. `Customer`) as a row schema. */
  row(name: string): RowSchema {
    const schema = (this.document as { components?: { schemas?: Record<string, unknown> } }).components?.schemas?.[name];
    if (!schema) throw new Error(`contract has no schema ${name}`);
    return schema as RowSchema;
  }

  /** Resolves `#/components/schemas/<name>`. */
  readonly resolve = (ref: string): PropertySchema => {
    const match = /^#\/components\/schemas\/(.+)$/.exec(ref);
    if (!match) throw new Error(`unsupported $ref ${ref}`);
    return this.row(match[1]!) as PropertySchema;
  };
}
