import fs from 'node:fs';
import path from 'node:path';
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

/**
 * The rows of an insert were committed, but syncing them to disk failed: they are
 * in the store (the chain goes on after them), yet may not survive a power loss, so
 * the requests they audit are failed all the same (fail closed).
 */
export class AuditSyncError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditSyncError';
  }
}

/**
 * Writes audit rows atomically: all of one call are committed, or none. A writer
 * that syncs after committing throws AuditSyncError when only the sync failed.
 */
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
  'purpose',
  'decisions',
  'category',
  'decision',
  'field',
  'reason',
  'prevHash',
  'hash',
] as const satisfies readonly (keyof AuditRow)[];

/** Rows per INSERT: 17 columns each stays far below SQLite's 32,766 bound parameters. */
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
 * - SQLite, a file of its own (one audit file per process, the default): on this
 *   thread. Nothing waits there for another writer's lock, and a commit is about
 *   0.1 ms, where the hand-off to a thread and back cost about 0.3 ms of CPU
 *   alone. With `full`, the commit's WAL is then synced to disk off this thread
 *   (WalSync) before the append resolves;
 * - SQLite, a file shared with other processes: on a worker thread (the store's
 *   batch writer), since waiting for their write lock would block this thread;
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
    return options.ownFile
      ? new InlineSqliteWriter(target.url, synchronous)
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
 * SQLite in a file only this process writes: each append is one short transaction
 * on this thread (see openAuditRowWriter). The commit itself never syncs
 * (`synchronous = NORMAL`); with `full`, the append resolves only once the WAL
 * holding the commit is synced, which runs on libuv's thread pool, so this thread
 * pays a few microseconds for it, not the fsync. That is what `synchronous = FULL`
 * does in WAL mode (sync the WAL at each commit); frames a checkpoint has already
 * moved to the database file were synced there by the checkpoint.
 */
class InlineSqliteWriter implements AuditRowWriter {
  private readonly db: NativeDatabase;
  private readonly prepared = new Map<string, NativeStatement>();
  private readonly walSync: WalSync | undefined;

  constructor(url: string, synchronous: AuditSynchronous) {
    const file = sqliteFilePath(url);
    this.db = openNativeDatabase(file);
    for (const pragma of SQLITE_CONNECTION_PRAGMAS) this.db.prepare(`PRAGMA ${pragma}`).all();
    const [mode] = this.db.prepare('PRAGMA journal_mode').all();
    if (synchronous === 'full' && mode?.journal_mode !== 'wal') {
      // Not a WAL file (the migrations make one, so only by hand): syncing the
      // rollback journal and the file is SQLite's own job, on this thread.
      this.db.prepare('PRAGMA synchronous = FULL').all();
    } else {
      this.db.prepare('PRAGMA synchronous = NORMAL').all();
      if (synchronous === 'full') this.walSync = new WalSync(`${file}-wal`);
    }
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
    if (this.walSync) {
      try {
        await this.walSync.sync();
      } catch (error) {
        // Committed but maybe not on disk: the caller withholds the data (fail closed).
        throw new AuditSyncError(`audit sync failed: ${(error as Error).message}`);
      }
    }
  }

  async close(): Promise<void> {
    await this.walSync?.close();
    this.db.close();
  }
}

/**
 * fdatasync of a WAL file on libuv's thread pool. fsync covers the file, not the
 * descriptor, so syncing our own descriptor makes durable what the SQLite
 * connection wrote through its own. The WAL is opened at the first sync (it
 * exists once a commit has been written) and stays the same file while the
 * connection is open: a checkpoint rewinds or truncates it, never replaces it.
 */
export class WalSync {
  private opened: Promise<number> | undefined;

  constructor(private readonly walFile: string) {}

  async sync(): Promise<void> {
    this.opened ??= this.open();
    const fd = await this.opened.catch((error: unknown) => {
      this.opened = undefined; // the next append tries again
      throw error;
    });
    await new Promise<void>((resolve, reject) =>
      fs.fdatasync(fd, (error) => (error ? reject(error) : resolve())),
    );
  }

  private async open(): Promise<number> {
    const fd = await new Promise<number>((resolve, reject) =>
      fs.open(this.walFile, 'r+', (error, opened) => (error ? reject(error) : resolve(opened))),
    );
    // The WAL's directory entry, once: a new file's name is durable only then.
    await syncDirectory(path.dirname(this.walFile));
    return fd;
  }

  async close(): Promise<void> {
    const opened = this.opened;
    this.opened = undefined;
    const fd = await opened?.catch(() => undefined);
    if (fd !== undefined) await new Promise<void>((resolve) => fs.close(fd, () => resolve()));
  }
}

async function syncDirectory(directory: string): Promise<void> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(directory, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open a directory, and needs no such sync.
  } finally {
    await handle?.close();
  }
}
