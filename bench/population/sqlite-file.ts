import path from 'node:path';

export interface SqliteStatement {
  all(...params: unknown[]): Record<string, unknown>[];
  run(...params: unknown[]): { changes: number };
}

export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): void;
  close(): void;
}

/**
 * Opens a store's SQLite file with the native libsql the stores themselves load
 * (two SQLite libraries in one process do not share locks; see
 * subgraphs/shared/store/migrate.ts), waiting for the running subgraphs' locks.
 */
export async function openSqliteFile(file: string, cacheMiB = 64): Promise<SqliteDatabase> {
  const adapterDir = path.dirname(require.resolve('@prisma/adapter-libsql'));
  const clientDir = path.dirname(require.resolve('@libsql/client', { paths: [adapterDir] }));
  const libsql = (await import(require.resolve('libsql', { paths: [clientDir] }))) as {
    default: new (file: string) => SqliteDatabase;
  };
  const db = new libsql.default(file);
  for (const pragma of ['busy_timeout = 30000', `cache_size = -${cacheMiB * 1024}`]) {
    db.prepare(`PRAGMA ${pragma}`).all();
  }
  return db;
}
