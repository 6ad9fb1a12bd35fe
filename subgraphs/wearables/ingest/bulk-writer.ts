import type { Client as LibsqlClient } from '@libsql/client';
import type { Pool } from 'pg';
import { parseDatabaseUrl } from '../../shared/store/database-url';
import { onOneConnection } from '../../shared/store/libsql-connection';

/** One open write transaction: runs SQL, answers the number of rows it changed. */
export interface BulkTransaction {
  execute(sql: string): Promise<number>;
}

/**
 * The path bulk points take to the database: the driver itself (@libsql/client
 * for SQLite, pg for PostgreSQL), beside the Prisma client every other query
 * uses. Measured on a year of CGM readings, Prisma's raw-query path costs about
 * as much per 1,000-row statement as the database's own work, which keeps
 * ingest near 60,000 points/s; the driver reaches the 100,000 aimed at.
 */
export interface BulkWriter {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: BulkTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openBulkWriter(url: string): Promise<BulkWriter> {
  const target = parseDatabaseUrl(url);
  if (target.provider === 'sqlite') {
    const { createClient } = await import('@libsql/client');
    // The same @libsql/client the Prisma adapter uses (one SQLite library per process).
    // One connection kept for the writer's life; transactions take it in turn.
    const client = onOneConnection(createClient({ url: target.url }));
    return sqliteWriter(client);
  }
  const parsed = new URL(target.url);
  // Table names in bulk SQL carry the schema (series/sql-dialect.ts tableName).
  parsed.searchParams.delete('schema');
  const { Pool: PgPool } = await import('pg');
  return postgresWriter(new PgPool({ connectionString: parsed.toString(), max: 2 }));
}

function sqliteWriter(client: LibsqlClient): BulkWriter {
  return {
    async transaction(work) {
      const tx = await client.transaction('write');
      try {
        const result = await work({
          execute: async (sql) => (await tx.execute(sql)).rowsAffected,
        });
        await tx.commit();
        return result;
      } catch (error) {
        await tx.rollback().catch(() => undefined);
        throw error;
      } finally {
        tx.close();
      }
    },
    async close() {
      client.close();
    },
  };
}

function postgresWriter(pool: Pool): BulkWriter {
  return {
    async transaction(work) {
      const connection = await pool.connect();
      try {
        await connection.query('BEGIN');
        const result = await work({
          execute: async (sql) => (await connection.query(sql)).rowCount ?? 0,
        });
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        await connection.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        connection.release();
      }
    },
    close: () => pool.end(),
  };
}
