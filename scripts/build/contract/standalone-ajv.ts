import { _, Ajv, type Options as AjvOptions, type ValidateFunction } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';

import { contractFormats } from '../../../src/json-schema/formats.js';

/** Where the generated code finds the formats: this module's path, `require`d by the bundler at build time. */
export const FORMATS_MODULE = new URL('../../../src/json-schema/formats.ts', import.meta.url).pathname;

// ajv's standalone module is CommonJS with `module.exports` set to the function.
const standaloneCode = standalone as unknown as (ajv: Ajv, validate: ValidateFunction) => string;

/**
 * An ajv instance that keeps the source of what it compiles, with the contract's formats, whose
 * generated code takes each format from `contractFormats` by name (the same objects given to ajv
 * here, so the standalone validator checks exactly what this instance would).
 */
export function sourceKeepingAjv(options: AjvOptions): Ajv {
  const ajv = new Ajv({
    ...options,
    code: { ...options.code, source: true, formats: _`require(${FORMATS_MODULE}).contractFormats` },
    // With `strict: false` ajv ignores a format it does not know, with a warning; here it is an error.
    logger: { log: () => undefined, warn: refuseUnknownFormat, error: (...args: unknown[]) => console.error(...args) },
  });
  for (const [name, format] of Object.entries(contractFormats)) ajv.addFormat(name, format);
  return ajv;
}

function refuseUnknownFormat(...args: unknown[]): void {
  const message = args.map(String).join(' ');
  if (message.includes('unknown format')) {
    throw new Error(`${message}: add it to contractFormats (src/json-schema/formats.ts) so that it is checked`);
  }
  console.warn(message);
}

/** A CommonJS module exporting `validate`, compiled by `ajv`, as standalone code. */
export function validatorModule(ajv: Ajv, validate: ValidateFunction): string {
  return standaloneCode(ajv, validate);
}
