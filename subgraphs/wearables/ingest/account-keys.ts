import type { Vendor } from '../vendors';
import type { WearablesStore } from '../store';

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
