import type { DatabaseProvider } from '../store/database-url';
import { parseDatabaseUrl, sqliteFilePath } from '../store/database-url';
import {
  openSqliteBatchWriter,
  type BatchStatement,
  type BatchWriter,
  type UnitResult,
} from '../store/batch-writer';
import { SQLITE_CONNECTION_PRAGMAS } from '../store/libsql-connection';
import {
  openNativeDatabase,
  type NativeDatabase,
  type NativeStatement,
} from '../store/native-libsql';
import { insertStatements } from '../store/sql-insert';
import type { AuditSynchronous } from '../config/consent-config';
import type { AuditEntryContent } from './audit-hash';
import type { AuditStore } from './audit-store';

/** One audit entry as stored: its content, its place in the chain and its hash. */
export type AuditRow = AuditEntryContent & { id: string; prevHash: string; hash: string };

/** Writes audit rows atomically: all of one call are committed, or none. */
export interface AuditRowWriter {
  insert(rows: readonly AuditRow[]): Promise<void>;
  close(): Promise<void>;
}

export interface AuditStatement {
  sql: string;
  values: unknown[];
}

const AUDIT_COLUMNS = [
  'id',
  'logId',
  'seq',
  'at',
  'requestId',
  'subject',
  'organization',
  'orgAddress',
  'patientId',
  'category',
  'purpose',
  'decision',
  'field',
  'reason',
  'prevHash',
  'hash',
] as const satisfies readonly (keyof AuditRow)[];

/** Rows per INSERT: 16 columns each stays far below SQLite's 32,766 bound parameters. */
const ROWS_PER_STATEMENT = 1_000;

/**
 * Multi-row INSERTs for `rows` (usually one statement; more rows than one holds
 * make several, which the writers run in one transaction). Table names resolve
 * through the connection (PostgreSQL: the store's search_path).
 */
export function auditInsertStatements(
  provider: DatabaseProvider,
  rows: readonly AuditRow[],
): AuditStatement[] {
  const statements: AuditStatement[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const values: unknown[] = [];
    const placeholder = () => (provider === 'sqlite' ? `?${values.length}` : `$${values.length}`);
    const tuples = rows.slice(start, start + ROWS_PER_STATEMENT).map(
      (row) =>
        `(${AUDIT_COLUMNS.map((column) => {
          values.push(row[column]);
          return placeholder();
        }).join(', ')})`,
    );
    statements.push({
      sql:
        `INSERT INTO "AuditEntry" (${AUDIT_COLUMNS.map((c) => `"${c}"`).join(', ')}) ` +
        `VALUES ${tuples.join(', ')}`,
      values,
    });
  }
  return statements;
}

export interface AuditWriterOptions {
  /** AUDIT_SYNCHRONOUS (SQLite): `full` syncs every commit to disk, `normal` does not. */
  synchronous?: AuditSynchronous;
  /** Whether this process is the file's only writer (one audit file per log). */
  ownFile?: boolean;
}

/**
 * The writer for a store, with raw multi-row INSERTs (Prisma's createMany costs
 * about four times the CPU per append):
 * - SQLite, synced commits or a shared file: on a worker thread (the store's batch
 *   writer), since the driver blocks the thread it runs on for the commit's fsync
 *   and for the write lock other processes sharing the file hold;
 * - SQLite, `normal` commits to a file of its own: on this thread. Nothing waits
 *   there, neither fsync nor another writer's lock, so a commit is about 0.1 ms,
 *   where the hand-off to a thread and back cost about 0.3 ms of CPU alone;
 * - PostgreSQL: through the store's own client (its driver is asynchronous).
 */
export function openAuditRowWriter(
  url: string,
  store: AuditStore,
  options: AuditWriterOptions = {},
): AuditRowWriter {
  const target = parseDatabaseUrl(url);
  const synchronous = options.synchronous ?? 'full';
  if (target.provider === 'sqlite') {
    return synchronous === 'normal' && options.ownFile
      ? new InlineSqliteWriter(target.url)
      : new ThreadedSqliteWriter(target.url, synchronous);
  }
  return {
    async insert(rows) {
      const statements = auditInsertStatements('postgresql', rows);
      if (statements.length === 1) {
        await store.$executeRawUnsafe(statements[0]!.sql, ...statements[0]!.values);
        return;
      }
      await store.$transaction(statements.map((s) => store.$executeRawUnsafe(s.sql, ...s.values)));
    },
    async close() {},
  };
}

/** SQLite's INSERTs for `rows`, in the fixed shapes the writers keep prepared (sql-insert.ts). */
function sqliteInserts(rows: readonly AuditRow[]) {
  return insertStatements(
    'AuditEntry',
    AUDIT_COLUMNS,
    rows.map((row) => AUDIT_COLUMNS.map((column) => row[column])),
  );
}

/**
 * SQLite: the store's batch writer thread (shared/store/batch-writer.ts), which
 * keeps its INSERT shapes prepared. Each call is one unit of one transaction.
 */
class ThreadedSqliteWriter implements AuditRowWriter {
  private readonly writer: BatchWriter;

  constructor(url: string, synchronous: AuditSynchronous) {
    this.writer = openSqliteBatchWriter(url, { synchronous });
  }

  async insert(rows: readonly AuditRow[]): Promise<void> {
    const unit = sqliteInserts(rows) as BatchStatement[];
    let results: UnitResult[];
    try {
      results = await this.writer.write([unit]);
    } catch (error) {
      const message = (error as Error).message;
      throw new Error(
        /exited|stopped/.test(message)
          ? `audit writer exited: ${message}`
          : `audit write failed: ${message}`,
      );
    }
    const [result] = results;
    if (!result || 'error' in result) {
      throw new Error(`audit write failed: ${result ? result.error : 'no answer'}`);
    }
  }

  close(): Promise<void> {
    return this.writer.close();
  }
}

/**
 * SQLite with `synchronous = NORMAL` in a file only this process writes: each
 * append is one short transaction on this thread (see openAuditRowWriter).
 */
class InlineSqliteWriter implements AuditRowWriter {
  private readonly db: NativeDatabase;
  private readonly prepared = new Map<string, NativeStatement>();

  constructor(url: string) {
    this.db = openNativeDatabase(sqliteFilePath(url));
    for (const pragma of SQLITE_CONNECTION_PRAGMAS) this.db.prepare(`PRAGMA ${pragma}`).all();
    this.db.prepare('PRAGMA synchronous = NORMAL').all();
  }

  private statement(sql: string): NativeStatement {
    let found = this.prepared.get(sql);
    if (!found) {
      if (this.prepared.size >= 64) this.prepared.clear();
      found = this.db.prepare(sql);
      this.prepared.set(sql, found);
    }
    return found;
  }

  async insert(rows: readonly AuditRow[]): Promise<void> {
    const statements = sqliteInserts(rows);
    try {
      this.statement('BEGIN IMMEDIATE').run();
      for (const { sql, params } of statements) this.statement(sql).run(...params);
      this.statement('COMMIT').run();
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw new Error(`audit write failed: ${(error as Error).message}`);
    }
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
