import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config/project-paths';
import type { DatabaseProvider } from './database-url';

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function migrationsDir(store: string, provider: DatabaseProvider): string {
  return path.join(PROJECT_ROOT, 'prisma', 'migrations', store, provider);
}

/**
 * Reads a store's migrations in name order. Folder layout follows Prisma's
 * (`<timestamp>_<name>/migration.sql`) so `prisma migrate diff` output drops in
 * unchanged; one history per provider because DDL differs between SQLite and
 * PostgreSQL.
 */
export function readMigrations(store: string, provider: DatabaseProvider): Migration[] {
  const dir = migrationsDir(store, provider);
  if (!fs.existsSync(dir)) {
    throw new Error(`No ${provider} migrations for store "${store}" (looked in ${dir})`);
  }
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * Splits a migration script into statements. Prisma's generated DDL ends every
 * statement with `;` at the end of a line and has no procedural bodies, so a
 * line-end split is exact for it; comment-only chunks are dropped.
 */
export function splitSqlStatements(sql: string): string[] {
  return sql
    .split(/;\s*(?:\r?\n|$)/)
    .map((chunk) =>
      chunk
        .split(/\r?\n/)
        .filter((line) => !line.trim().startsWith('--'))
        .join('\n')
        .trim(),
    )
    .filter((statement) => statement.length > 0);
}
