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
