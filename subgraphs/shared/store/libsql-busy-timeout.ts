import type { Client, Config, TransactionMode } from '@libsql/client';
import { PrismaLibSQL } from '@prisma/adapter-libsql';

/** How long a write waits for another process's lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 10_000;

/**
 * Sets `busy_timeout` on every connection a libsql client uses. A PRAGMA run once
 * is not enough: @libsql/client hands its connection to each transaction and
 * opens a fresh one for what follows (lib-cjs/sqlite3.js `transaction()`:
 * `this.#db = null`), and the fresh one waits for no lock. SQLite files written by
 * several processes (the audit log every subgraph appends to) then fail at once
 * with SQLITE_BUSY, which Prisma reports as "Operation has timed out", and the
 * subgraph withholds its answer (503) under ordinary concurrent load.
 */
export function withBusyTimeout(client: Client, ms = BUSY_TIMEOUT_MS): Client {
  const execute = client.execute.bind(client) as (
    ...args: unknown[]
  ) => ReturnType<Client['execute']>;
  const batch = client.batch.bind(client);
  const transaction = client.transaction.bind(client);
  let freshConnection = true;
  const ensure = async () => {
    if (!freshConnection) return;
    freshConnection = false;
    await execute(`PRAGMA busy_timeout = ${ms}`);
  };
  client.execute = (async (...args: unknown[]) => {
    await ensure();
    return execute(...args);
  }) as Client['execute'];
  client.batch = async (...args) => {
    await ensure();
    return batch(...args);
  };
  client.transaction = async (mode?: TransactionMode) => {
    await ensure(); // on the connection the transaction is about to take over
    const tx = await transaction(mode);
    freshConnection = true;
    return tx;
  };
  return client;
}

/** Prisma's libsql adapter, whose clients wait for locks (see withBusyTimeout). */
export class BusyWaitingLibSQL extends PrismaLibSQL {
  override createClient(config: Config): Client {
    return withBusyTimeout(super.createClient(config));
  }
}
