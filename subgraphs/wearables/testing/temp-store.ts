import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { makeTempDir } from '../../../test/helpers/temp-dir';
import { migrateDatabase } from '../../shared/store/migrate';
import { openBulkWriter, type BulkWriter } from '../ingest/bulk-writer';
import type { SqlDialect } from '../series/sql-dialect';
import { dialectOf, openWearablesStore, type WearablesStore } from '../store';

export interface TempStore {
  url: string;
  store: WearablesStore;
  dialect: SqlDialect;
  /** The driver-level writer bulk ingest uses (see ingest/bulk-writer.ts). */
  bulk: BulkWriter;
  close(): Promise<void>;
}

/**
 * A migrated wearables store for a test: SQLite in a temp folder, or, when
 * WEARABLES_TEST_DATABASE_URL names a PostgreSQL server, a fresh schema there
 * (so the same tests check both providers' SQL).
 */
export async function openTempStore(name: string): Promise<TempStore> {
  const postgres = process.env.WEARABLES_TEST_DATABASE_URL;
  let url: string;
  let cleanup = () => {};
  let schema: string | null = null;
  if (postgres) {
    const parsed = new URL(postgres);
    schema = `t_${name.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
    parsed.searchParams.set('schema', schema);
    url = parsed.toString();
  } else {
    const temp = makeTempDir(`wearables-${name}`);
    url = `file:${path.join(temp.dir, 'wearables.db')}`;
    cleanup = temp.cleanup;
  }
  await migrateDatabase('wearables', url);
  const store = await openWearablesStore(url);
  const bulk = await openBulkWriter(url);
  return {
    url,
    store,
    dialect: dialectOf(url),
    bulk,
    async close() {
      await bulk.close();
      if (schema) await store.$executeRawUnsafe(`DROP SCHEMA "${schema}" CASCADE`);
      await store.$disconnect();
      cleanup();
    },
  };
}
