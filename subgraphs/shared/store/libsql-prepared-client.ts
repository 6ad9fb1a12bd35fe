import {
  LibsqlError,
  type Client,
  type InStatement,
  type ResultSet,
  type Row,
} from '@libsql/client';
import { sqliteFilePath } from './database-url';
import { nativeLibsqlPath } from './native-libsql';

/** The parts of libsql's (better-sqlite3-style) API this client uses. */
interface LibsqlStatement {
  raw(toggle: boolean): LibsqlStatement;
  safeIntegers(toggle: boolean): LibsqlStatement;
  columns(): { name: string; type: string | null }[];
  all(...params: unknown[]): unknown[][];
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
}
interface LibsqlDatabase {
  prepare(sql: string): LibsqlStatement;
  exec(sql: string): void;
  close(): void;
}
interface LibsqlModule {
  new (file: string): LibsqlDatabase;
  SqliteError: new (...args: never[]) => Error & { code: string; rawCode?: number };
}

function loadLibsql(): LibsqlModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a native module resolved at run time
  return require(nativeLibsqlPath()) as LibsqlModule;
}

/** BEGIN for each @libsql/client transaction mode. */
export const BEGIN_STATEMENT = {
  write: 'BEGIN IMMEDIATE',
  read: 'BEGIN TRANSACTION READONLY',
  deferred: 'BEGIN DEFERRED',
} as const;

/** A statement's shape, read once: whether it returns rows, and its columns. */
interface Prepared {
  statement: LibsqlStatement;
  returnsRows: boolean;
  columns: string[];
  columnTypes: string[];
}

/** Prepared statements kept per connection: the same few hundred query texts run over and over. */
const MAX_PREPARED = 500;

function toSqlValue(value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined)
    throw new TypeError('undefined cannot be passed as argument to the database');
  return value;
}

function fromSqlValue(value: unknown): unknown {
  if (typeof value === 'bigint') {
    if (value < BigInt(Number.MIN_SAFE_INTEGER) || value > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new RangeError(
        'Received integer which cannot be safely represented as a JavaScript number',
      );
    }
    return Number(value);
  }
  if (Buffer.isBuffer(value)) {
    return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength);
  }
  return value;
}

/**
 * A @libsql/client `Client` for a local SQLite file that keeps its statements
 * prepared. @libsql/client prepares every statement anew and builds each row with
 * a property definition per value; for the Prisma adapter, which sends the same
 * query texts again and again and reads rows by index, that was about a sixth of
 * a subgraph's CPU. Results have @libsql/client's shape: `columns`,
 * `columnTypes`, `rows` (indexable; column names are not attached), `rowsAffected`;
 * errors are LibsqlError, as the adapter's error mapping expects (unique
 * violations and busy database included). Integers come back as numbers ("number"
 * int mode), refusing any beyond 2^53, as @libsql/client's default does.
 *
 * `transaction()` is not offered: wrap the client in onOneConnection
 * (libsql-connection.ts), which runs transactions on this one connection.
 */
export function createPreparedClient(url: string): Client {
  const libsql = loadLibsql();
  const db = new libsql(sqliteFilePath(url));
  const cache = new Map<string, Prepared>();
  let closed = false;

  const mapError = (error: unknown): unknown =>
    error instanceof libsql.SqliteError
      ? new LibsqlError(error.message, error.code, error.rawCode, error)
      : error;

  function prepared(sql: string): Prepared {
    let found = cache.get(sql);
    if (!found) {
      const statement = db.prepare(sql);
      statement.safeIntegers(true);
      let returnsRows = true;
      try {
        statement.raw(true);
      } catch {
        returnsRows = false; // raw() refuses statements that return no data
      }
      const columns = returnsRows ? statement.columns() : [];
      found = {
        statement,
        returnsRows,
        columns: columns.map((c) => c.name),
        columnTypes: columns.map((c) => c.type ?? ''),
      };
      if (cache.size >= MAX_PREPARED) cache.clear();
      cache.set(sql, found);
    }
    return found;
  }

  function execute(statement: InStatement): ResultSet {
    if (closed) throw new LibsqlError('The client is closed', 'CLIENT_CLOSED');
    const sql = typeof statement === 'string' ? statement : statement.sql;
    const rawArgs = typeof statement === 'string' ? [] : (statement.args ?? []);
    if (!Array.isArray(rawArgs)) {
      throw new TypeError('named arguments are not supported by this client');
    }
    try {
      const { statement: prepared_, returnsRows, columns, columnTypes } = prepared(sql);
      const args = rawArgs.map(toSqlValue);
      if (returnsRows) {
        const rows = prepared_.all(args).map((row) => row.map(fromSqlValue) as unknown as Row);
        return resultSet(columns, columnTypes, rows, 0, undefined);
      }
      const info = prepared_.run(args);
      return resultSet([], [], [], info.changes, BigInt(info.lastInsertRowid));
    } catch (error) {
      throw mapError(error);
    }
  }

  const client = {
    protocol: 'file',
    get closed() {
      return closed;
    },
    async execute(statement: InStatement | string, args?: unknown[]) {
      return execute(
        typeof statement === 'string' ? { sql: statement, args: (args ?? []) as never } : statement,
      );
    },
    async batch(statements: InStatement[], mode: 'write' | 'read' | 'deferred' = 'deferred') {
      // As @libsql/client's: every statement or none, in one transaction.
      execute(BEGIN_STATEMENT[mode]);
      try {
        const results = statements.map((s) => execute(s));
        execute('COMMIT');
        return results;
      } catch (error) {
        try {
          db.exec('ROLLBACK');
        } catch {
          // SQLite ended the transaction itself.
        }
        throw error;
      }
    },
    async executeMultiple(sql: string) {
      try {
        db.exec(sql);
      } catch (error) {
        throw mapError(error);
      }
    },
    async transaction(): Promise<never> {
      throw new Error('createPreparedClient: use onOneConnection for transactions');
    },
    async sync() {
      return undefined;
    },
    close() {
      if (closed) return;
      closed = true;
      cache.clear();
      db.close();
    },
  };
  // The object covers what the Prisma adapter and onOneConnection call on a Client.
  return client as unknown as Client;
}

function resultSet(
  columns: string[],
  columnTypes: string[],
  rows: Row[],
  rowsAffected: number,
  lastInsertRowid: bigint | undefined,
): ResultSet {
  return {
    columns,
    columnTypes,
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({ columns, columnTypes, rows, rowsAffected }),
  };
}
