/** Lays out rows under a header: the first column left-aligned, the others right-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    widths.map((w, c) => (c === 0 ? (cells[c] ?? '').padEnd(w) : (cells[c] ?? '').padStart(w))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** `ok` or `MISS`, after a figure checked against its target. */
export function mark(ok: boolean): string {
  return ok ? 'ok' : 'MISS';
}
