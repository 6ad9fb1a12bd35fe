import fs from 'node:fs';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { parseDatabaseUrl, redactUrl, sqliteFilePath } from './database-url';
import { readMigrations, splitSqlStatements, type Migration } from './migrations';

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

const HISTORY_TABLE = '_patientgraph_migrations';

/**
 * Brings a store's database to the latest migration. Each migration runs in its own
 * transaction together with its history row, so a failure leaves the database at
 * the previous migration. An applied migration whose file changed afterwards is an
 * error: history is never rewritten silently.
 */
export async function migrateDatabase(store: string, url: string): Promise<MigrateResult> {
  const target = parseDatabaseUrl(url);
  const migrations = readMigrations(store, target.provider);
  return target.provider === 'sqlite'
    ? migrateSqlite(target.url, migrations)
    : migratePostgres(target.url, migrations);
}

function checkHistory(applied: Map<string, string>, migrations: Migration[]): Migration[] {
  for (const [name, checksum] of applied) {
    const migration = migrations.find((m) => m.name === name);
    if (!migration) throw new Error(`Database has migration ${name}, which is not in the repo`);
    if (migration.checksum !== checksum) {
      throw new Error(`Migration ${name} was edited after it was applied`);
    }
  }
  return migrations.filter((m) => !applied.has(m.name));
}

/**
 * The libsql client the Prisma adapter itself uses. npm gives the adapter its own
 * copy of @libsql/client and of the native libsql library; two SQLite libraries
 * in one process do not see each other's POSIX locks and WAL index, and a
 * database migrated through one copy then fails in the other with
 * SQLITE_IOERR_SHORT_READ ("disk I/O error") on some runs. Migrating through the
 * adapter's copy keeps one SQLite per process.
 */
async function adapterLibsqlClient(): Promise<typeof import('@libsql/client')> {
  const adapterDir = path.dirname(require.resolve('@prisma/adapter-libsql'));
  const resolved = require.resolve('@libsql/client', { paths: [adapterDir] });
  return (await import(resolved)) as typeof import('@libsql/client');
}

async function migrateSqlite(url: string, migrations: Migration[]): Promise<MigrateResult> {
  const file = sqliteFilePath(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const client = (await adapterLibsqlClient()).createClient({ url });
  try {
    // WAL lets readers (queries) proceed while ingest writes; it persists in the file.
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA busy_timeout = 10000');
    await client.execute(
      `CREATE TABLE IF NOT EXISTS "${HISTORY_TABLE}" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`,
    );
    const rows = await client.execute(`SELECT name, checksum FROM "${HISTORY_TABLE}"`);
    const applied = new Map(rows.rows.map((r) => [String(r.name), String(r.checksum)]));
    const pending = checkHistory(applied, migrations);
    for (const migration of pending) {
      await client.batch(
        [
          ...splitSqlStatements(migration.sql),
          {
            sql: `INSERT INTO "${HISTORY_TABLE}" (name, checksum, applied_at) VALUES (?, ?, ?)`,
            args: [migration.name, migration.checksum, new Date().toISOString()],
          },
        ],
        'write',
      );
    }
    return { applied: pending.map((m) => m.name), alreadyApplied: applied.size };
  } finally {
    client.close();
  }
}

async function migratePostgres(url: string, migrations: Migration[]): Promise<MigrateResult> {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? 'public';
  parsed.searchParams.delete('schema');
  await ensurePostgresDatabase(parsed);
  const client = new PgClient({ connectionString: parsed.toString() });
  await client.connect();
  try {
    const quotedSchema = `"${schema.replace(/"/g, '""')}"`;
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quotedSchema}`);
    await client.query(`SET search_path TO ${quotedSchema}`);
    // Serialises concurrent migrators (several replicas starting at once).
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`patientgraph:${schema}`]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "${HISTORY_TABLE}" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`,
    );
    const rows = await client.query<{ name: string; checksum: string }>(
      `SELECT name, checksum FROM "${HISTORY_TABLE}"`,
    );
    const applied = new Map(rows.rows.map((r) => [r.name, r.checksum]));
    const pending = checkHistory(applied, migrations);
    for (const migration of pending) {
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "${HISTORY_TABLE}" (name, checksum, applied_at) VALUES ($1, $2, now())`,
          [migration.name, migration.checksum],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    return { applied: pending.map((m) => m.name), alreadyApplied: applied.size };
  } finally {
    await client.end();
  }
}

/** Creates the database named in the URL when it does not exist yet. */
async function ensurePostgresDatabase(url: URL): Promise<void> {
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) return;
  const admin = new URL(url.toString());
  admin.pathname = '/postgres';
  const client = new PgClient({ connectionString: admin.toString() });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Cannot reach PostgreSQL at ${redactUrl(url.toString())}: ${(error as Error).message}`,
    );
  }
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
    }
  } catch (error) {
    // Another process may have created it between our check and our CREATE.
    if (!/already exists/.test((error as Error).message)) throw error;
  } finally {
    await client.end();
  }
}
