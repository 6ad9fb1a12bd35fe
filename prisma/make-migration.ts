import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrationsDir } from '../subgraphs/shared/store/migrations';
import { PROVIDERS, PRISMA_DIR, schemaSourcePath } from './stores';
import { runPrisma, writeProviderSchema } from './prisma-cli';
import { schemaForProvider } from './provider-schema';

/** The datamodel as of the store's latest migration; diffs start from it. */
export function snapshotPath(store: string): string {
  return path.join(PRISMA_DIR, 'migrations', store, 'schema.snapshot.prisma');
}

/**
 * Writes a new migration for every provider from the difference between the
 * store's schema and its snapshot, then moves the snapshot forward. Pure datamodel
 * diffs: no shadow database is needed (Prisma's `migrate dev` needs one, which the
 * driver-adapter setup cannot provide).
 */
export async function makeMigration(store: string, name: string): Promise<string[]> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error('Migration name must be snake_case');
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const written: string[] = [];
  const snapshot = snapshotPath(store);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-migration-'));
  try {
    for (const provider of PROVIDERS) {
      const current = writeProviderSchema(store, provider);
      const args = ['migrate', 'diff', '--script', '--config', current.config];
      if (fs.existsSync(snapshot)) {
        const from = path.join(tmp, `${provider}.prisma`);
        fs.writeFileSync(
          from,
          schemaForProvider(fs.readFileSync(snapshot, 'utf8'), provider, current.clientDir),
        );
        args.push('--from-schema-datamodel', from);
      } else {
        args.push('--from-empty');
      }
      args.push('--to-schema-datamodel', current.schema);
      const { stdout } = await runPrisma(args);
      const sql = stdout.replace(/^Loaded Prisma config.*\n/m, '').trim();
      if (!sql || /^-- This is an empty migration/.test(sql)) continue;
      const dir = path.join(migrationsDir(store, provider), `${stamp}_${name}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'migration.sql'), `${sql}\n`);
      written.push(path.relative(PRISMA_DIR, dir));
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (written.length > 0) fs.copyFileSync(schemaSourcePath(store), snapshot);
  return written;
}
