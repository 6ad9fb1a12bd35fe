import type { SqlExecutor } from '../../shared/store/sql-database';
import type { Vendor } from '../vendors';
import type { WearablesStore } from '../store';

/** What ingest needs of a stored account: its key, and the zone for local vendor times. */
export interface AccountKeyAndZone {
  key: number;
  timeZone: string | null;
  utcOffset: string | null;
}

/**
 * Reads an account by vendor and account id with one prepared statement on the
 * driver. Every payload asks this once; through Prisma the lookup cost about as
 * much CPU as mapping and writing a whole Fitbit day file (query compiler and client).
 */
export async function findAccount(
  sql: SqlExecutor,
  vendor: Vendor,
  accountId: string,
): Promise<AccountKeyAndZone | null> {
  const [row] = await sql.query<{
    key: number | bigint;
    timeZone: string | null;
    utcOffset: string | null;
  }>(
    'SELECT "key", "timeZone", "utcOffset" FROM "DeviceAccount" WHERE "vendor" = ? AND "accountId" = ?',
    [vendor, accountId],
  );
  return row ? { key: Number(row.key), timeZone: row.timeZone, utcOffset: row.utcOffset } : null;
}

/**
 * The integer key of an account, created on first sight: data may arrive before
 * the enrollment that tells whose device it is (the enrollment then links it).
 */
export async function ensureAccountKey(
  store: WearablesStore,
  vendor: Vendor,
  accountId: string,
): Promise<number> {
  const upsert = () =>
    store.deviceAccount.upsert({
      where: { vendor_accountId: { vendor, accountId } },
      create: { vendor, accountId },
      update: {},
      select: { key: true },
    });
  try {
    return (await upsert()).key;
  } catch (error) {
    // Another payload for the same new account created it a moment earlier.
    if ((error as { code?: string })?.code !== 'P2002') throw error;
    return (await upsert()).key;
  }
}
