import type { Schema } from './openapi-document.js';

/** One constraint on a value and which way of changing it makes the schema stricter. */
interface Bound {
  keyword: string;
  /** `up`: a larger value is stricter (minimum); `down`: a smaller one is (maximum); `any`: any change is. */
  stricter: 'up' | 'down' | 'any';
}

const BOUNDS: Bound[] = [
  { keyword: 'minimum', stricter: 'up' },
  { keyword: 'exclusiveMinimum', stricter: 'up' },
  { keyword: 'minLength', stricter: 'up' },
  { keyword: 'minItems', stricter: 'up' },
  { keyword: 'minProperties', stricter: 'up' },
  { keyword: 'maximum', stricter: 'down' },
  { keyword: 'exclusiveMaximum', stricter: 'down' },
  { keyword: 'maxLength', stricter: 'down' },
  { keyword: 'maxItems', stricter: 'down' },
  { keyword: 'maxProperties', stricter: 'down' },
  { keyword: 'pattern', stricter: 'any' },
  { keyword: 'format', stricter: 'any' },
  { keyword: 'multipleOf', stricter: 'any' },
];

/** A bound that differs between two versions of a schema. */
export interface BoundChange {
  keyword: string;
  from: unknown;
  to: unknown;
  narrowed: boolean;
}

/**
 * Compares value constraints. Adding a bound narrows; removing one widens; moving a numeric
 * bound narrows when it moves the strict way; any change of pattern, format or multipleOf
 * narrows (their languages cannot be compared in general). `uniqueItems` false -> true narrows.
 */
export function compareBounds(base: Schema, head: Schema): BoundChange[] {
  const changes: BoundChange[] = [];
  for (const { keyword, stricter } of BOUNDS) {
    const from = numericOrBoolean(base[keyword]);
    const to = numericOrBoolean(head[keyword]);
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    let narrowed: boolean;
    if (from === undefined) narrowed = true;
    else if (to === undefined) narrowed = false;
    else if (stricter === 'any' || typeof from !== 'number' || typeof to !== 'number') narrowed = true;
    else narrowed = stricter === 'up' ? to > from : to < from;
    changes.push({ keyword, from, to, narrowed });
  }
  if (!base.uniqueItems !== !head.uniqueItems) {
    changes.push({ keyword: 'uniqueItems', from: Boolean(base.uniqueItems), to: Boolean(head.uniqueItems), narrowed: Boolean(head.uniqueItems) });
  }
  return changes;
}

// OpenAPI 3.0 used boolean exclusiveMinimum/Maximum; they are compared as given.
function numericOrBoolean(value: unknown): unknown {
  return value === null ? undefined : value;
}
