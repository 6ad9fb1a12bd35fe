export type DatabaseProvider = 'sqlite' | 'postgresql';

export interface DatabaseTarget {
  provider: DatabaseProvider;
  url: string;
}

/**
 * SQLite is the embedded default (`file:` URLs); PostgreSQL is the production
 * target (`postgres://` or `postgresql://`). Switching is a config change only:
 * every store has a Prisma client and a migration history for both providers.
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (url.startsWith('file:')) return { provider: 'sqlite', url };
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    return { provider: 'postgresql', url };
  }
  throw new Error(
    `Unsupported database URL scheme (expected file: or postgresql://): ${redactUrl(url)}`,
  );
}

/** Strips credentials so a URL can appear in an error or a log line. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}

export function sqliteFilePath(url: string): string {
  return url.slice('file:'.length).replace(/\?.*$/, '');
}
