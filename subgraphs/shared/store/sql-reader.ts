import type { Client, ResultSet } from '@libsql/client';
import { openTransactionOf } from './libsql-connection';
import type { PrismaClientLike } from './prisma-client';

/** The connection a SQLite store client's adapter opened, once it has (see registerDirectReads). */
type ConnectionOf = () => Client | undefined;

const directConnections = new WeakMap<object, ConnectionOf>();

/** Lets `queryRows` read `store`'s SQLite connection directly (prisma-client.ts calls it). */
export function registerDirectReads(store: object, connection: ConnectionOf): void {
  directConnections.set(store, connection);
}

/** The SQLite connection `queryRows` reads `store` through, if open (tests count statements on it). */
export function directConnectionOf(store: object): Client | undefined {
  const connection = directConnections.get(store)?.();
  return connection && !connection.closed ? connection : undefined;
}

/**
 * A value as Prisma's raw queries give it for the column type SQLite declares:
 * DateTime columns as Date, Boolean as boolean, BigInt as bigint; expressions (no
 * declared type) and everything else as the driver reads it.
 */
function shaped(value: unknown, declaredType: string): unknown {
  if (value === null || value === undefined) return null;
  switch (declaredType.toUpperCase()) {
    case 'DATETIME':
      return new Date(value as string | number);
    case 'BOOLEAN':
      return value === 1 || value === true || value === '1';
    case 'BIGINT':
      return BigInt(value as number | string);
    default:
      return value;
  }
}

function rowObjects<T>(result: ResultSet): T[] {
  const { columns, columnTypes } = result;
  return result.rows.map((row) => {
    const values = row as unknown as unknown[];
    const object: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) {
      object[columns[i]!] = shaped(values[i], columnTypes[i] ?? '');
    }
    return object as T;
  });
}

/**
 * Rows of a read (`?` placeholders on SQLite, `$n` on PostgreSQL: RawSqlParams),
 * shaped as `store.$queryRawUnsafe` would return them. On SQLite the statement runs
 * on the store's own connection, under the same lock Prisma's adapter takes, but
 * without Prisma's raw-query layer: about a quarter of a millisecond of CPU per
 * query, and a patient summary makes a dozen. On PostgreSQL, on SQLite before the
 * store's first query has connected it, and for Date arguments, through
 * `$queryRawUnsafe`.
 *
 * Only for the store client itself, never inside one of its interactive
 * transactions: the transaction holds the connection, and this would wait for it.
 */
export async function queryRows<T = Record<string, unknown>>(
  store: PrismaClientLike,
  sql: string,
  values: readonly unknown[],
): Promise<T[]> {
  const connection = directConnectionOf(store);
  // Date arguments stay with Prisma, which writes them as its DateTime columns hold them.
  if (!connection || values.some((value) => value instanceof Date)) {
    return store.$queryRawUnsafe<T[]>(sql, ...values);
  }
  return rowObjects<T>(await connection.execute({ sql, args: values as never }));
}

/** Raw SQL inside one interactive transaction (see `transactionSql`). */
export interface TransactionSql {
  /** Rows of a read, shaped as `$queryRawUnsafe` shapes them. */
  query<T = Record<string, unknown>>(sql: string, values: readonly unknown[]): Promise<T[]>;
  /** A write; resolves to the rows it changed. */
  execute(sql: string, values: readonly unknown[]): Promise<number>;
}

/** What a Prisma interactive transaction client offers for raw SQL. */
interface RawTransactionClient {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

/**
 * A Date as Prisma's SQLite adapter writes DateTime values (ISO 8601 with a
 * "+00:00" offset), so rows written and compared here match rows Prisma wrote.
 */
function sqliteArgument(value: unknown): unknown {
  return value instanceof Date ? value.toISOString().replace('Z', '+00:00') : value;
}

/**
 * Raw SQL for the statements of `tx`, an interactive transaction of `store`. On
 * SQLite they run on the transaction itself, on the store's one connection
 * (libsql-connection.ts), without Prisma's raw-query layer: its compiler handled
 * each bound value of a statement, and FHIR ingest binds tens of thousands per
 * batch (about a fifth of ehr-fhir's CPU in a profile). The transaction found
 * there is `tx`'s own: while it is open the connection's lock lets nothing else
 * run on it. On PostgreSQL, and on a store not yet connected, through `tx` as
 * before. Only for use inside `tx`'s callback.
 */
export function transactionSql(store: object, tx: RawTransactionClient): TransactionSql {
  // The transaction found at the first statement is `tx`'s; later statements use
  // it only while it is still the one open, so a `tx` kept past its callback can
  // never write into a later transaction (Prisma's channel then refuses it).
  let own: ReturnType<typeof openTransactionOf>;
  const direct = () => {
    // The store itself is not a transaction: the one open on its connection (if
    // any) would be somebody else's.
    if (tx === store) return undefined;
    const connection = directConnectionOf(store);
    const open = connection ? openTransactionOf(connection) : undefined;
    own ??= open;
    return open === own ? open : undefined;
  };
  const args = (values: readonly unknown[]) => values.map(sqliteArgument) as never;
  return {
    async query<T>(sql: string, values: readonly unknown[]) {
      const transaction = direct();
      if (!transaction) return tx.$queryRawUnsafe<T[]>(sql, ...values);
      return rowObjects<T>(await transaction.execute({ sql, args: args(values) }));
    },
    async execute(sql: string, values: readonly unknown[]) {
      const transaction = direct();
      if (!transaction) return tx.$executeRawUnsafe(sql, ...values);
      return (await transaction.execute({ sql, args: args(values) })).rowsAffected;
    },
  };
}

/**
 * `tx` with its `$queryRawUnsafe` and `$executeRawUnsafe` going through
 * `transactionSql`, everything else (the query builder) to `tx` itself: for code
 * that passes the transaction client around and mixes both.
 */
export function withDirectRawSql<T extends RawTransactionClient>(store: object, tx: T): T {
  const sql = transactionSql(store, tx);
  return new Proxy(tx, {
    get(target, property, receiver) {
      if (property === '$queryRawUnsafe')
        return (query: string, ...values: unknown[]) => sql.query(query, values);
      if (property === '$executeRawUnsafe')
        return (query: string, ...values: unknown[]) => sql.execute(query, values);
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}
