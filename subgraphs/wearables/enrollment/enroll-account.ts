import type { Logger } from '../../shared/logger';
import type { IdentityClient } from '../../shared/patient/identity-client';
import type { WearablesStore } from '../store';
import { linkAccount, type LinkPolicy, type LinkStatus } from './link-account';
import type { Enrollment } from './validate-enrollment';

export interface EnrollmentResult {
  vendor: string;
  accountId: string;
  linkStatus: LinkStatus;
  /** The global patient, once identity linked the account. */
  patientId: string | null;
  /** True when the same enrollment was already stored and linked. */
  duplicate: boolean;
  /** Why the link is still pending (identity's status code or reachability). */
  linkError: string | null;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === 'P2002';
}

/**
 * Stores an enrollment (the account, the person's identifiers, the account's zone),
 * marks its link pending and tries identity once right away. Storing comes first
 * and on its own, so an identity outage or conflict can delay a link but never
 * lose it: the retrier picks pending links up later.
 */
export async function enrollAccount(
  store: WearablesStore,
  identity: IdentityClient,
  enrollment: Enrollment,
  policy: LinkPolicy,
  logger: Logger,
): Promise<EnrollmentResult> {
  const identifiersJson = JSON.stringify(enrollment.identifiers);
  const where = {
    vendor_accountId: { vendor: enrollment.vendor, accountId: enrollment.accountId },
  };
  const existing = await store.deviceAccount.findUnique({ where });
  const same =
    existing?.linkStatus === 'linked' &&
    existing.identifiersJson === identifiersJson &&
    existing.timeZone === enrollment.timeZone &&
    existing.utcOffset === enrollment.utcOffset;
  if (existing && same) {
    return {
      vendor: existing.vendor,
      accountId: existing.accountId,
      linkStatus: 'linked',
      patientId: existing.patientId,
      duplicate: true,
      linkError: null,
    };
  }
  const data = {
    identifiersJson,
    timeZone: enrollment.timeZone,
    utcOffset: enrollment.utcOffset,
    linkStatus: 'pending',
    linkAttempts: 0,
    linkError: null,
    nextLinkAtMs: BigInt(Date.now()),
    enrolledAt: new Date(),
  };
  const upsert = () =>
    store.deviceAccount.upsert({
      where,
      create: { vendor: enrollment.vendor, accountId: enrollment.accountId, ...data },
      update: data,
    });
  let account;
  try {
    account = await upsert();
  } catch (error) {
    // Data for the account arrived at the same moment and created it first.
    if (!isUniqueViolation(error)) throw error;
    account = await upsert();
  }
  const linkStatus = await linkAccount(store, identity, account, policy, logger);
  const after = await store.deviceAccount.findUniqueOrThrow({ where: { key: account.key } });
  return {
    vendor: after.vendor,
    accountId: after.accountId,
    linkStatus,
    patientId: after.patientId,
    duplicate: false,
    linkError: after.linkError,
  };
}
