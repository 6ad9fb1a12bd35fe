import { parseDatabaseUrl, sqliteFilePath } from './database-url';
import { SQLITE_CONNECTION_PRAGMAS } from './libsql-connection';
import { nativeLibsqlPath } from './native-libsql';
import { numbered } from './raw-sql-params';

/**
 * An ingest write path's own connection to its store's database, below Prisma.
 * Prisma's per-query overhead (argument serialisation, query planning) costs
 * 3-5x a plain driver call for the wide multi-row INSERTs ingest does (measured:
 * 390 result rows ~150-330 ms through Prisma raw SQL, ~25-60 ms through the
 * driver). Reads for GraphQL stay on Prisma.
 *
 * Writes are serialised by one lock per process: SQLite allows one writer, and
 * its driver is synchronous, so a second in-process writer waiting on the busy
 * timeout would block the very event loop the first needs to commit.
 */
export type SqlValue = string | number | boolean | null | Date;
export type SqlRow = Record<string, unknown>;

export interface SqlExecutor {
  readonly provider: 'sqlite' | 'postgresql';
  query<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  execute(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface SqlDatabase extends SqlExecutor {
  /** Runs `fn` in one transaction, holding the process's write lock. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A promise-chain mutex: callers run one at a time, in call order. */
class WriteLock {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** DateTime as Prisma stores it in SQLite (ISO, "+00:00"), so Prisma reads it back. */
function sqliteValue(value: SqlValue): string | number | null {
  if (typeof value === 'boolean') return value ? 1 : 0; // as Prisma stores Boolean in SQLite
  return value instanceof Date ? value.toISOString().replace('Z', '+00:00') : value;
}

/** DateTime as Prisma stores it in PostgreSQL (timestamp(3) without zone, UTC). */
function postgresValue(value: SqlValue): string | number | boolean | null {
  return value instanceof Date ? value.toISOString().replace('T', ' ').replace('Z', '') : value;
}

interface LibsqlStatement {
  all(...params: unknown[]): SqlRow[];
  run(...params: unknown[]): { changes: number };
}
interface LibsqlDatabase {
  readonly inTransaction: boolean;
  prepare(sql: string): LibsqlStatement;
  exec(sql: string): void;
  close(): void;
}

async function openSqlite(url: string): Promise<SqlDatabase> {
  const libsql = (await import(nativeLibsqlPath())) as {
    default: new (file: string) => LibsqlDatabase;
  };
  const db = new libsql.default(sqliteFilePath(url));
  // A larger page cache and memory-mapped reads: ingest touches the same index
  // pages over and over, and the default 2 MB cache sends them back to disk.
  for (const pragma of SQLITE_CONNECTION_PRAGMAS) {
    db.prepare(`PRAGMA ${pragma}`).all();
  }
  const statements = new Map<string, LibsqlStatement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      if (statements.size > 500) statements.clear();
      statements.set(sql, statement);
    }
    return statement;
  };
  const executor: SqlExecutor = {
    provider: 'sqlite',
    async query<T extends SqlRow>(sql: string, params: readonly SqlValue[] = []) {
      return prepared(sql).all(...params.map(sqliteValue)) as T[];
    },
    async execute(sql: string, params: readonly SqlValue[] = []) {
      return prepared(sql).run(...params.map(sqliteValue)).changes;
    },
  };
  const lock = new WriteLock();
  return {
    ...executor,
    execute: (sql, params) => lock.run(() => executor.execute(sql, params)),
    transaction: (fn) =>
      lock.run(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(executor);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          // SQLite may have rolled back already (some errors end the transaction).
          if (!db.inTransaction) throw error;
          db.exec('ROLLBACK');
          throw error;
        }
      }),
    async close() {
      await lock.run(async () => db.close());
    },
  };
}

async function openPostgres(url: string): Promise<SqlDatabase> {
  const { Pool, types } = await import('pg');
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  const pool = new Pool({
    connectionString: parsed.toString(),
    max: 4,
    types: {
      // timestamp without time zone holds UTC (as Prisma writes it): read it as UTC.
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === 1114
          ? (text: string) => new Date(`${text.replace(' ', 'T')}Z`)
          : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
    },
  });
  if (schema) {
    pool.on('connect', (client) => {
      void client.query(`SET search_path TO "${schema.replace(/"/g, '""')}"`);
    });
  }
  const on = (runner: { query: InstanceType<typeof Pool>['query'] }): SqlExecutor => ({
    provider: 'postgresql',
    async query<T extends SqlRow>(sql: string, params: readonly SqlValue[] = []) {
      return (await runner.query(numbered(sql), params.map(postgresValue))).rows as T[];
    },
    async execute(sql: string, params: readonly SqlValue[] = []) {
      return (await runner.query(numbered(sql), params.map(postgresValue))).rowCount ?? 0;
    },
  });
  const lock = new WriteLock();
  const base = on(pool);
  return {
    ...base,
    execute: (sql, params) => lock.run(() => base.execute(sql, params)),
    transaction: (fn) =>
      lock.run(async () => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const result = await fn(on(client));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      }),
    async close() {
      await pool.end();
    },
  };
}

export function openSqlDatabase(url: string): Promise<SqlDatabase> {
  return parseDatabaseUrl(url).provider === 'sqlite' ? openSqlite(url) : openPostgres(url);
}

/** A DateTime column as read back (SQLite gives text, PostgreSQL a Date). */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const date = new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date;
}
