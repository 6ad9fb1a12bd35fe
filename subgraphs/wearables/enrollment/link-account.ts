import type { Logger } from '../../shared/logger';
import type { IdentityClient } from '../../shared/patient/identity-client';
import type { LinkIdentifier } from '../../shared/patient/link-request';
import type { StoredAccount, WearablesStore } from '../store';
import { VENDOR_ACCOUNT_SYSTEMS, type Vendor } from '../vendors';

export type LinkStatus = 'none' | 'pending' | 'linked';

export interface LinkPolicy {
  /** First retry delay; doubles per failed attempt. */
  retryBaseMs: number;
  retryMaxMs: number;
}

export function nextRetryDelay(attempts: number, policy: LinkPolicy): number {
  return Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * The reason kept for a failed attempt: the HTTP status and identity's error code,
 * or the kind of network failure. Never the message body (it could echo input).
 */
function failureReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const refused = /refused link \((\d{3}) ?([A-Z_]*)\)/.exec(message);
  if (refused) return `identity answered ${refused[1]}${refused[2] ? ` ${refused[2]}` : ''}`;
  if ((error as Error)?.name === 'TimeoutError') return 'identity did not answer in time';
  return 'identity unreachable';
}

/**
 * Asks identity which patient an account belongs to. The request's first
 * identifier is the account itself in its vendor's system, then the identifiers
 * the person gave at enrollment. Any failure (unreachable, 409 conflict, review)
 * leaves the link pending with a due time; the enrollment itself is never lost.
 */
export async function linkAccount(
  store: WearablesStore,
  identity: IdentityClient,
  account: StoredAccount,
  policy: LinkPolicy,
  logger: Logger,
  now = Date.now(),
): Promise<LinkStatus> {
  const given = JSON.parse(account.identifiersJson) as LinkIdentifier[];
  const identifiers: LinkIdentifier[] = [
    { system: VENDOR_ACCOUNT_SYSTEMS[account.vendor as Vendor], value: account.accountId },
    ...given,
  ];
  const attempts = account.linkAttempts + 1;
  let patientId: string | null = null;
  let reason: string;
  try {
    const response = await identity.link({ source: 'wearables', identifiers });
    patientId = response.patientId;
    reason = patientId ? response.reason : `identity decision ${response.decision}`;
  } catch (error) {
    reason = failureReason(error);
  }
  if (patientId) {
    await store.deviceAccount.update({
      where: { key: account.key },
      data: {
        linkStatus: 'linked',
        patientId,
        linkAttempts: attempts,
        linkError: null,
        nextLinkAtMs: null,
      },
    });
    logger.info({ accountKey: account.key, vendor: account.vendor, attempts }, 'device linked');
    return 'linked';
  }
  const delay = nextRetryDelay(attempts, policy);
  await store.deviceAccount.update({
    where: { key: account.key },
    data: {
      linkStatus: 'pending',
      linkAttempts: attempts,
      linkError: reason,
      nextLinkAtMs: BigInt(now + delay),
    },
  });
  logger.warn(
    { accountKey: account.key, vendor: account.vendor, attempts, reason, retryInMs: delay },
    'device link pending',
  );
  return 'pending';
}
