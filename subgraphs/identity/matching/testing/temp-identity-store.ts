import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { makeTempDir } from '../../../../test/helpers/temp-dir';
import { migrateDatabase } from '../../../shared/store/migrate';
import { openIdentityStore, type IdentityStore } from '../../store';

export interface TempIdentityStore {
  url: string;
  store: IdentityStore;
  close(): Promise<void>;
}

/**
 * A migrated identity store for a test: SQLite in a temp folder, or, when
 * IDENTITY_TEST_DATABASE_URL names a PostgreSQL server, a fresh schema there (so
 * the same tests check both providers).
 */
export async function openTempIdentityStore(name: string): Promise<TempIdentityStore> {
  const postgres = process.env.IDENTITY_TEST_DATABASE_URL;
  let url: string;
  let cleanup = () => {};
  let schema: string | null = null;
  if (postgres) {
    const parsed = new URL(postgres);
    schema = `t_${name.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
    parsed.searchParams.set('schema', schema);
    url = parsed.toString();
  } else {
    const temp = makeTempDir(`identity-${name}`);
    url = `file:${path.join(temp.dir, 'identity.db')}`;
    cleanup = temp.cleanup;
  }
  await migrateDatabase('identity', url);
  const store = await openIdentityStore(url);
  return {
    url,
    store,
    async close() {
      if (schema) await store.$executeRawUnsafe(`DROP SCHEMA "${schema}" CASCADE`);
      await store.$disconnect();
      cleanup();
    },
  };
}
