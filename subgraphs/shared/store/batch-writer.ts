import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { nativeLibsqlPath } from './native-libsql';
import { parseDatabaseUrl, sqliteFilePath } from './database-url';
import { BUSY_TIMEOUT_MS, SQLITE_CONNECTION_PRAGMAS } from './libsql-connection';
import { numbered } from './raw-sql-params';

/** A statement with `?` placeholders and its values (booleans only for PostgreSQL). */
export interface BatchStatement {
  sql: string;
  params: (string | number | boolean | null)[];
}

/** The statements of one unit of work (e.g. one payload): all of them apply, or none. */
export type WriteUnit = BatchStatement[];

/** Per unit: the rows each statement changed, or why the database refused the unit. */
export type UnitResult = { changes: number[] } | { error: string };

/**
 * Writes batches of units in one transaction each: one commit for the batch, every
 * unit in a savepoint of its own, so a unit the database refuses is undone alone.
 * The whole batch fails (every unit) only when the transaction itself does.
 */
export interface BatchWriter {
  readonly provider: 'sqlite' | 'postgresql';
  write(units: WriteUnit[]): Promise<UnitResult[]>;
  close(): Promise<void>;
}

export function openBatchWriter(url: string): Promise<BatchWriter> {
  const target = parseDatabaseUrl(url);
  return target.provider === 'sqlite'
    ? Promise.resolve(openSqliteBatchWriter(target.url))
    : openPostgresWriter(target.url);
}

export interface SqliteWriterOptions {
  /** How long a batch waits for another connection's write lock. Default BUSY_TIMEOUT_MS. */
  lockTimeoutMs?: number;
  /**
   * SQLite's `synchronous` for this connection. Default `full`: every commit is
   * synced to disk before it is reported. `normal` (WAL): synced at checkpoints
   * only, so a commit survives a crash of the process, not of the machine.
   */
  synchronous?: 'full' | 'normal';
}

/** The SQLite writer for a `file:` URL, on its own thread. */
export function openSqliteBatchWriter(url: string, options: SqliteWriterOptions = {}): BatchWriter {
  return new SqliteThreadWriter(sqliteFilePath(url), {
    lockTimeoutMs: options.lockTimeoutMs ?? BUSY_TIMEOUT_MS,
    synchronous: options.synchronous ?? 'full',
  });
}

interface Waiter {
  resolve(results: UnitResult[]): void;
  reject(error: Error): void;
}

/**
 * SQLite: the connection lives on a worker thread (batch-writer.worker.js), with
 * its statements kept prepared. Commits and lock waits block that thread only.
 */
class SqliteThreadWriter implements BatchWriter {
  readonly provider = 'sqlite';
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiter>();
  private nextId = 1;
  private failure: Error | undefined;

  constructor(file: string, options: Required<SqliteWriterOptions>) {
    this.worker = new Worker(path.join(__dirname, 'batch-writer.worker.js'), {
      workerData: {
        file,
        libsqlPath: nativeLibsqlPath(),
        pragmas: [
          ...SQLITE_CONNECTION_PRAGMAS,
          `synchronous = ${options.synchronous.toUpperCase()}`,
        ],
        lockTimeoutMs: options.lockTimeoutMs,
      },
    });
    // Idle, the thread must not keep the process alive; waiting callers ref it.
    this.worker.unref();
    this.worker.on('message', (message: { id: number; results?: UnitResult[]; error?: string }) => {
      const waiter = this.waiting.get(message.id);
      if (!waiter) return;
      this.waiting.delete(message.id);
      if (this.waiting.size === 0) this.worker.unref();
      if (message.results) waiter.resolve(message.results);
      else waiter.reject(new Error(`batch write failed: ${message.error}`));
    });
    // A dead writer fails every write from then on, never hangs them.
    const fail = (error: Error) => {
      this.failure = error;
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    this.worker.on('error', (error) => fail(new Error(`batch writer stopped: ${error.message}`)));
    this.worker.on('exit', (code) => fail(new Error(`batch writer exited (code ${code})`)));
  }

  write(units: WriteUnit[]): Promise<UnitResult[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ id, units });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** PostgreSQL: the same batches on a pooled connection, savepoints included. */
async function openPostgresWriter(url: string): Promise<BatchWriter> {
  const { Pool } = await import('pg');
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  // Table names in these statements are unqualified: every connection starts in the store's schema.
  const options = schema ? `-c search_path="${schema.replace(/"/g, '""')}"` : undefined;
  const pool = new Pool({ connectionString: parsed.toString(), options, max: 2 });
  return {
    provider: 'postgresql',
    async write(units) {
      const connection = await pool.connect();
      try {
        await connection.query('BEGIN');
        const results: UnitResult[] = [];
        for (const unit of units) {
          await connection.query('SAVEPOINT unit');
          try {
            const changes: number[] = [];
            for (const s of unit) {
              changes.push((await connection.query(numbered(s.sql), s.params)).rowCount ?? 0);
            }
            await connection.query('RELEASE SAVEPOINT unit');
            results.push({ changes });
          } catch (error) {
            await connection.query('ROLLBACK TO SAVEPOINT unit');
            results.push({ error: (error as Error).message });
          }
        }
        await connection.query('COMMIT');
        return results;
      } catch (error) {
        await connection.query('ROLLBACK').catch(() => undefined);
        throw new Error(`batch write failed: ${(error as Error).message}`);
      } finally {
        connection.release();
      }
    },
    close: () => pool.end(),
  };
}
