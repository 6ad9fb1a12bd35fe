import type { Client, Config, InStatement, Transaction, TransactionMode } from '@libsql/client';
import { PrismaLibSQL } from '@prisma/adapter-libsql';
import { BEGIN_STATEMENT, createPreparedClient } from './libsql-prepared-client';
import { FALLBACK_AUTOCHECKPOINT_PAGES } from './wal-checkpointer';

/** How long a write waits for another process's lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 10_000;

/**
 * Set once on every SQLite connection a store opens. The page cache: the default
 * 2 MB is a sliver of a store with thousands of patients, so every index descent
 * of an ingest or a read went back to the file; 64 MiB (a cap, filled only as
 * pages are read) keeps the hot index pages in memory. Memory-mapped reads spare
 * a copy per page read from the file. Checkpoints are a background thread's job
 * (wal-checkpointer.ts); a connection checkpoints itself only past a bound.
 */
export const SQLITE_CONNECTION_PRAGMAS = [
  `busy_timeout = ${BUSY_TIMEOUT_MS}`,
  'cache_size = -65536',
  'mmap_size = 268435456',
  `wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`,
] as const;

/** A promise-chain mutex: holders run one at a time, in the order they asked. */
class ConnectionLock {
  private tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const granted = this.tail.then(() => release);
    this.tail = this.tail.then(() => held);
    return granted;
  }
}

/**
 * Keeps a @libsql/client client on one SQLite connection for its whole life.
 *
 * @libsql/client hands its connection to each `transaction()` and opens a fresh
 * one for whatever comes next (lib-cjs/sqlite3.js: `this.#db = null`). A fresh
 * connection parses the schema again, starts with an empty page cache and has
 * none of the pragmas set on the old one (busy_timeout among them: without it a
 * write fails at once with SQLITE_BUSY while another process, such as another
 * subgraph appending to the shared audit log, holds the lock). Every Prisma
 * interactive transaction and every bulk write paid that, and on a store of
 * 10,000 patients it was most of an ingest's cost.
 *
 * Here `transaction()` runs BEGIN on the one connection instead and holds it
 * until commit, rollback or close: anything else on the client waits for the
 * transaction to end, so no statement of another caller lands inside it. (Prisma's
 * adapter already holds its own lock for a transaction's life; the bulk writers
 * rely on this one.)
 */
export function onOneConnection(client: Client): Client {
  const lock = new ConnectionLock();
  const execute = client.execute.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const batch = client.batch.bind(client);
  const executeMultiple = client.executeMultiple.bind(client);
  const run = (sql: string) => execute(sql);
  const ready = (async () => {
    for (const pragma of SQLITE_CONNECTION_PRAGMAS) await run(`PRAGMA ${pragma}`);
  })();
  // Until a caller awaits it, a failed pragma must not be reported as unhandled.
  ready.catch(() => undefined);

  async function exclusively<T>(work: () => Promise<T>): Promise<T> {
    const release = await lock.acquire();
    try {
      await ready;
      return await work();
    } finally {
      release();
    }
  }

  client.execute = ((...args: unknown[]) =>
    exclusively(() => execute(...args))) as Client['execute'];
  client.batch = (statements, mode) => exclusively(() => batch(statements, mode));
  client.executeMultiple = (sql) => exclusively(() => executeMultiple(sql));
  client.transaction = async (mode: TransactionMode = 'deferred') => {
    const release = await lock.acquire();
    try {
      await ready;
      await run(BEGIN_STATEMENT[mode]);
    } catch (error) {
      release();
      throw error;
    }
    const transaction = openTransaction(execute, executeMultiple, () => {
      if (openTransactions.get(client) === transaction) openTransactions.delete(client);
      release();
    });
    openTransactions.set(client, transaction);
    return transaction;
  };
  return client;
}

/** The transaction holding each one-connection client, while one does. */
const openTransactions = new WeakMap<Client, Transaction>();

/**
 * The transaction open on `client`'s one connection, if any. While it is open
 * nothing else runs on the connection (the lock), so code inside a Prisma
 * interactive transaction on this client finds its own transaction here.
 */
export function openTransactionOf(client: Client): Transaction | undefined {
  const transaction = openTransactions.get(client);
  return transaction && !transaction.closed ? transaction : undefined;
}

function openTransaction(
  execute: (...args: unknown[]) => Promise<unknown>,
  executeMultiple: (sql: string) => Promise<void>,
  release: () => void,
): Transaction {
  let closed = false;
  const finish = () => {
    if (closed) return;
    closed = true;
    release();
  };
  const ensureOpen = () => {
    if (closed) throw new Error('The transaction is closed');
  };
  const rollbackQuietly = () => execute('ROLLBACK').catch(() => undefined);
  const transaction: Transaction = {
    get closed() {
      return closed;
    },
    async execute(statement: InStatement) {
      ensureOpen();
      return (await execute(statement)) as Awaited<ReturnType<Transaction['execute']>>;
    },
    async batch(statements: InStatement[]) {
      ensureOpen();
      const results = [];
      for (const statement of statements) results.push(await transaction.execute(statement));
      return results;
    },
    async executeMultiple(sql: string) {
      ensureOpen();
      await executeMultiple(sql);
    },
    async commit() {
      ensureOpen();
      try {
        await execute('COMMIT');
      } catch (error) {
        // A COMMIT that failed leaves the transaction open: end it, or the
        // connection would carry it into the next caller's statements.
        await rollbackQuietly();
        throw error;
      } finally {
        finish();
      }
    },
    async rollback() {
      if (closed) return;
      try {
        await rollbackQuietly();
      } finally {
        finish();
      }
    },
    close() {
      if (closed) return;
      // Closing an uncommitted transaction rolls it back; the connection is
      // released once the ROLLBACK has run.
      closed = true;
      void rollbackQuietly().finally(release);
    },
  };
  return transaction;
}

/**
 * Prisma's libsql adapter, its client kept on one connection (see onOneConnection)
 * with its statements kept prepared (see createPreparedClient).
 */
export class OneConnectionLibSQL extends PrismaLibSQL {
  /** The connection the adapter opened last (sql-reader.ts reads through it). */
  connection: Client | undefined;

  override createClient(config: Config): Client {
    this.connection = onOneConnection(createPreparedClient(config.url));
    return this.connection;
  }
}
