import fs from 'node:fs';
import path from 'node:path';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { parseDatabaseUrl, sqliteFilePath } from './database-url';
import { registerDirectReads } from './sql-reader';
import { holdWalCheckpointer } from './wal-checkpointer';

/** What every generated Prisma client has in common, whichever store it is for. */
export interface PrismaClientLike {
  $disconnect(): Promise<void>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

export type ClientConstructor<T> = new (options: { adapter: SqlDriverAdapterFactory }) => T;

export interface StoreClientModules<T> {
  /** Loads the client generated from the store's schema for SQLite. */
  sqlite: () => Promise<{ PrismaClient: ClientConstructor<T> }>;
  /** Loads the client generated from the same schema for PostgreSQL. */
  postgresql: () => Promise<{ PrismaClient: ClientConstructor<T> }>;
}

/**
 * Opens a store's Prisma client for whichever database the URL names. Both
 * generated clients come from one schema, so they share one TypeScript type and
 * code above this line never knows which database it talks to.
 */
export async function openPrismaClient<T extends PrismaClientLike>(
  url: string,
  modules: StoreClientModules<T>,
): Promise<T> {
  const target = parseDatabaseUrl(url);
  if (target.provider === 'sqlite') {
    fs.mkdirSync(path.dirname(sqliteFilePath(target.url)), { recursive: true });
    const [{ PrismaClient }, { OneConnectionLibSQL }] = await Promise.all([
      modules.sqlite(),
      import('./libsql-connection'),
    ]);
    // One connection for the client's life, with a lock wait and a page cache (see there).
    const adapter = new OneConnectionLibSQL({ url: target.url });
    const client = new PrismaClient({ adapter });
    // Hot reads skip Prisma's raw-query layer on that same connection (sql-reader.ts).
    registerDirectReads(client, () => adapter.connection);
    // WAL checkpoints on a thread of their own while the client is open; $disconnect
    // resolves once that thread has let go of the file too.
    const releaseCheckpointer = holdWalCheckpointer(sqliteFilePath(target.url));
    const disconnect = client.$disconnect.bind(client);
    client.$disconnect = async () => {
      try {
        await disconnect();
      } finally {
        await releaseCheckpointer();
      }
    };
    return client;
  }
  const parsed = new URL(target.url);
  const schema = parsed.searchParams.get('schema') ?? undefined;
  parsed.searchParams.delete('schema');
  const [{ PrismaClient }, { PrismaPg }] = await Promise.all([
    modules.postgresql(),
    import('@prisma/adapter-pg'),
  ]);
  // Prisma qualifies its own queries with `schema`; raw SQL (bulk writers) resolves
  // names through search_path, so every pooled connection starts in the store's schema.
  const options = schema ? `-c search_path="${schema.replace(/"/g, '""')}"` : undefined;
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: parsed.toString(), options }, { schema }),
  });
}
