import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { makeTempDir } from '../../../test/helpers/temp-dir';
import { migrateDatabase } from '../../shared/store/migrate';
import { openBatchWriter, type BatchWriter } from '../../shared/store/batch-writer';
import { openSqlDatabase, type SqlDatabase } from '../../shared/store/sql-database';
import { PointWriteQueue, type PayloadCounts, type PayloadRows } from '../ingest/point-write-queue';
import type { MappedPoint, MappedSleep } from '../mappers/mapped-types';
import type { SqlDialect } from '../series/sql-dialect';
import { dialectOf, openWearablesStore, type WearablesStore } from '../store';

export interface TempStore {
  url: string;
  store: WearablesStore;
  dialect: SqlDialect;
  /** The driver-level connection ingest writes through (shared/store/sql-database.ts). */
  sql: SqlDatabase;
  /** The store's bulk connection (a thread of its own for SQLite). */
  batchWriter: BatchWriter;
  /** The group-commit queue ingest writes points through. */
  writes: PointWriteQueue;
  /** Writes points and sleep episodes as one payload would, whatever their accounts. */
  writeRows(
    points: { accountKey: number; point: MappedPoint }[],
    sleep?: { accountKey: number; episode: MappedSleep }[],
  ): Promise<PayloadCounts>;
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
  const sql = await openSqlDatabase(url);
  const batchWriter = await openBatchWriter(url);
  const writes = new PointWriteQueue(batchWriter);
  return {
    url,
    store,
    dialect: dialectOf(url),
    sql,
    batchWriter,
    writes,
    writeRows(points, sleep = []) {
      const rows: PayloadRows = { accounts: [] };
      const of = (accountKey: number) => {
        let account = rows.accounts.find((a) => a.accountKey === accountKey);
        if (!account) rows.accounts.push((account = { accountKey, points: [], sleep: [] }));
        return account;
      };
      for (const { accountKey, point } of points) of(accountKey).points.push(point);
      for (const { accountKey, episode } of sleep) of(accountKey).sleep.push(episode);
      return writes.write(rows);
    },
    async close() {
      await sql.close();
      await batchWriter.close();
      if (schema) await store.$executeRawUnsafe(`DROP SCHEMA "${schema}" CASCADE`);
      await store.$disconnect();
      cleanup();
    },
  };
}
