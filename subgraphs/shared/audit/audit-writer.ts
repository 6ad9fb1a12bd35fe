import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DatabaseProvider } from '../store/database-url';
import { parseDatabaseUrl } from '../store/database-url';
import { BUSY_TIMEOUT_MS } from '../store/libsql-connection';
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

/**
 * The writer for a store: SQLite on a worker thread (audit-writer.worker.js: the
 * driver blocks the thread it runs on for the commit's fsync and for the write
 * lock the processes sharing the file take in turn), PostgreSQL through the
 * store's own client (its driver is asynchronous already). Both use raw multi-row
 * INSERTs: Prisma's createMany costs about four times the CPU per append.
 */
export function openAuditRowWriter(url: string, store: AuditStore): AuditRowWriter {
  const target = parseDatabaseUrl(url);
  if (target.provider === 'sqlite') return new ThreadedSqliteWriter(target.url);
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

class ThreadedSqliteWriter implements AuditRowWriter {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve(): void; reject(e: Error): void }>();
  private nextId = 1;
  private failure: Error | undefined;

  constructor(url: string) {
    this.worker = new Worker(path.join(__dirname, 'audit-writer.worker.js'), {
      workerData: { url, busyTimeoutMs: BUSY_TIMEOUT_MS },
    });
    // Idle, the thread must not keep the process alive; waiting callers ref it.
    this.worker.unref();
    this.worker.on('message', (message: { id: number; error?: string }) => {
      const waiter = this.waiting.get(message.id);
      if (!waiter) return;
      this.waiting.delete(message.id);
      if (this.waiting.size === 0) this.worker.unref();
      if (message.error === undefined) waiter.resolve();
      else waiter.reject(new Error(`audit write failed: ${message.error}`));
    });
    // A dead writer fails every write from then on (fail closed), never hangs them.
    const fail = (error: Error) => {
      this.failure = error;
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    this.worker.on('error', (error) => fail(new Error(`audit writer stopped: ${error.message}`)));
    this.worker.on('exit', (code) => fail(new Error(`audit writer exited (code ${code})`)));
  }

  insert(rows: readonly AuditRow[]): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ id, statements: auditInsertStatements('sqlite', rows) });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
