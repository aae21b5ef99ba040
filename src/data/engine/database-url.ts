/** Where the data lives, as parsed from `DATABASE_URL`. */
export type DatabaseLocation = { kind: 'sqlite'; filename: string } | { kind: 'postgres'; connectionString: string };

/** Raised for a `DATABASE_URL` that names no engine this service can open. */
export class DatabaseUrlError extends Error {}

/**
 * Parses `DATABASE_URL`: `postgres://` / `postgresql://` URLs select PostgreSQL; a file path,
 * `file:<path>`, `sqlite:<path>` or `:memory:` selects embedded SQLite.
 */
export function parseDatabaseUrl(value: string): DatabaseLocation {
  const trimmed = value.trim();
  if (trimmed === '') throw new DatabaseUrlError('is empty');
  if (/^postgres(ql)?:\/\//i.test(trimmed)) {
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      throw new DatabaseUrlError(`is not a valid PostgreSQL URL: ${redactPassword(trimmed)}`);
    }
    if (!url.hostname) throw new DatabaseUrlError('names no PostgreSQL host');
    return { kind: 'postgres', connectionString: trimmed };
  }
  const sqlitePrefixed = /^(sqlite|file):(\/\/)?(.*)$/i.exec(trimmed);
  if (sqlitePrefixed) {
    const filename = sqlitePrefixed[3] ?? '';
    if (filename === '') throw new DatabaseUrlError('names no SQLite file');
    return { kind: 'sqlite', filename };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    throw new DatabaseUrlError(`uses an unsupported scheme (${trimmed.split(':')[0]}); use postgres://... or a SQLite file path`);
  }
  return { kind: 'sqlite', filename: trimmed };
}

function redactPassword(value: string): string {
  return value.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
