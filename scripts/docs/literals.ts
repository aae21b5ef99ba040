/** Widest line the samples aim for: what the docs page's sample panel shows without scrolling. */
export const SAMPLE_WIDTH = 60;

/**
 * `value` as a TypeScript literal (single-quoted strings, unquoted identifier keys), on one line
 * when it fits in `SAMPLE_WIDTH` after `indent` and `prefix`, else one entry per line.
 */
export function tsLiteral(value: unknown, indent = '', prefix = ''): string {
  const flat = flatLiteral(value);
  if (indent.length + prefix.length + flat.length <= SAMPLE_WIDTH || value === null || typeof value !== 'object') return flat;
  const inner = `${indent}  `;
  const entries = Array.isArray(value)
    ? value.map((item) => `${inner}${tsLiteral(item, inner)},`)
    : Object.entries(value).map(([key, item]) => `${inner}${propertyKey(key)}: ${tsLiteral(item, inner, `${propertyKey(key)}: `)},`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return entries.length === 0 ? flat : `${open}\n${entries.join('\n')}\n${indent}${close}`;
}

/** `value` as a TypeScript literal on one line. */
export function flatLiteral(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  if (Array.isArray(value)) return `[${value.map(flatLiteral).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => `${propertyKey(key)}: ${flatLiteral(item)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return JSON.stringify(value);
}

function propertyKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : flatLiteral(key);
}

/** `text` as one single-quoted shell word (a `'` inside becomes `'\''`). */
export function shellSingleQuoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
