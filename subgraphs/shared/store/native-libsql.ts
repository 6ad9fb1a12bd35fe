import path from 'node:path';

/**
 * Where the native libsql module is that @libsql/client, and so the Prisma
 * adapter, loads. Every raw SQLite connection in a process uses this one copy:
 * two copies of the library do not share their file locks (see migrate.ts).
 * Worker threads take the path and require it themselves.
 */
export function nativeLibsqlPath(): string {
  const adapterDir = path.dirname(require.resolve('@prisma/adapter-libsql'));
  const clientDir = path.dirname(require.resolve('@libsql/client', { paths: [adapterDir] }));
  return require.resolve('libsql', { paths: [clientDir] });
}

/** A prepared statement of the native driver (better-sqlite3's API). */
export interface NativeStatement {
  run(...params: unknown[]): { changes: number };
  all(...params: unknown[]): Record<string, unknown>[];
}

/** A connection of the native driver, as the raw SQLite paths use it. */
export interface NativeDatabase {
  prepare(sql: string): NativeStatement;
  exec(sql: string): void;
  readonly inTransaction: boolean;
  close(): void;
}

/** Opens `file` (created if missing) with the one native libsql copy of the process. */
export function openNativeDatabase(file: string): NativeDatabase {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a native module resolved at run time
  const Database = require(nativeLibsqlPath()) as new (file: string) => NativeDatabase;
  return new Database(file);
}
