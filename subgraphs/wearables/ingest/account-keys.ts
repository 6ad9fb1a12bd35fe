import type { Vendor } from '../vendors';
import type { WearablesTx } from '../store';

/**
 * The integer key of an account, created on first sight: data may arrive before
 * the enrollment that tells whose device it is (the enrollment then links it).
 */
export async function ensureAccountKey(
  tx: WearablesTx,
  vendor: Vendor,
  accountId: string,
): Promise<number> {
  const account = await tx.deviceAccount.upsert({
    where: { vendor_accountId: { vendor, accountId } },
    create: { vendor, accountId },
    update: {},
    select: { key: true },
  });
  return account.key;
}
