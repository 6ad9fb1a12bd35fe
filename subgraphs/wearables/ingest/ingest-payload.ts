import type { IngestRejection } from '../../../cli/ingest/ingest-summary';
import type { MappedPoint, MappedSleep } from '../mappers/mapped-types';
import type { OmhBodySchema } from '../mappers/omh-data-point-to-points';
import type { ZoneSpec } from '../mappers/time';
import type { WearablesStore } from '../store';
import type { Vendor } from '../vendors';
import type { SqlDatabase } from '../../shared/store/sql-database';
import { ensureAccountKey, findAccount } from './account-keys';
import { mapPayload, vendorOfKind, type DataPayloadKind } from './map-payload';
import type { PayloadRows, PointWriteQueue } from './point-write-queue';

export interface IngestRequest {
  kind: DataPayloadKind;
  payload: unknown;
  /** The vendor account the payload belongs to (`?account=`). */
  accountId: string | null;
  /** Attributes Open mHealth data to another vendor's account system (`?vendor=`). */
  vendor: Vendor | null;
  /** Zone for local times (`?timeZone=` / `?utcOffset=`), over the enrollment's. */
  zone: ZoneSpec | null;
  omhSchema: OmhBodySchema | null;
}

/** The JSON summary every ingest route answers with (an IngestSummary plus details). */
export interface WearableIngestSummary {
  format: DataPayloadKind;
  unit: 'data points';
  accepted: number;
  duplicates: number;
  rejected: IngestRejection[];
  points: { accepted: number; duplicates: number };
  sleepEpisodes: { accepted: number; duplicates: number };
  warnings: string[];
  /** Accounts the payload's data was stored under (vendor, account id). */
  accounts: { vendor: Vendor; accountId: string }[];
}

/** Dexcom v3 responses name their user; other vendors put the account in the URL only. */
function payloadAccount(kind: DataPayloadKind, payload: unknown): string | null {
  if (kind !== 'dexcom-egvs' || typeof payload !== 'object' || payload === null) return null;
  const userId = (payload as { userId?: unknown }).userId;
  return typeof userId === 'string' && userId.length > 0 ? userId : null;
}

export interface IngestStores {
  store: WearablesStore;
  /** The driver-level connection for the per-payload account read. */
  sql: SqlDatabase;
  /** Where points are written: group commit on the store's bulk connection. */
  writes: PointWriteQueue;
}

/**
 * Maps a vendor payload and stores its points atomically: either every accepted
 * point of the payload is stored, or (on a database error) none is and the error
 * propagates; payloads arriving together share a commit (see PointWriteQueue). Points the mapper rejected are listed with their reasons;
 * they never block the rest of the payload. Accounts are created first, on their
 * own: an account that ends up without data is harmless (enrollments make them too).
 */
export async function ingestPayload(
  { store, sql, writes }: IngestStores,
  request: IngestRequest,
): Promise<WearableIngestSummary> {
  const vendor = request.vendor ?? vendorOfKind(request.kind);
  const defaultAccount = request.accountId ?? payloadAccount(request.kind, request.payload);
  let zone = request.zone;
  const accountKeys = new Map<string, number>();
  if (defaultAccount) {
    const account = await findAccount(sql, vendor, defaultAccount);
    if (account) accountKeys.set(defaultAccount, account.key);
    if (!zone && (account?.timeZone || account?.utcOffset)) zone = account;
  }
  const mapping = mapPayload(request.kind, request.payload, zone, request.omhSchema);
  const rejected: IngestRejection[] = mapping.rejected.map((r) => ({ ...r }));

  const groups = new Map<string, { points: MappedPoint[]; sleep: MappedSleep[] }>();
  let unassigned = 0;
  const groupOf = (accountId: string | undefined) => {
    const id = accountId ?? defaultAccount;
    if (!id) {
      unassigned++;
      return null;
    }
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { points: [], sleep: [] }));
    return group;
  };
  for (const point of mapping.points) groupOf(point.accountId)?.points.push(point);
  for (const episode of mapping.sleep) groupOf(episode.accountId)?.sleep.push(episode);
  if (unassigned > 0) {
    rejected.push({
      location: '$',
      reason: `${unassigned} record(s) name no account: pass ?account=<${vendor} account id>`,
    });
  }

  const counts = { points: { accepted: 0, duplicates: 0 }, sleep: { accepted: 0, duplicates: 0 } };
  if (groups.size > 0) {
    const rows: PayloadRows = { accounts: [] };
    for (const [accountId, group] of groups) {
      const accountKey =
        accountKeys.get(accountId) ?? (await ensureAccountKey(store, vendor, accountId));
      rows.accounts.push({ accountKey, points: group.points, sleep: group.sleep });
    }
    const written = await writes.write(rows);
    counts.points = { accepted: written.points.written, duplicates: written.points.duplicates };
    counts.sleep = { accepted: written.sleep.written, duplicates: written.sleep.duplicates };
  }
  return {
    format: request.kind,
    unit: 'data points',
    accepted: counts.points.accepted + counts.sleep.accepted,
    duplicates: counts.points.duplicates + counts.sleep.duplicates,
    rejected,
    points: counts.points,
    sleepEpisodes: { accepted: counts.sleep.accepted, duplicates: counts.sleep.duplicates },
    warnings: mapping.warnings,
    accounts: [...groups.keys()].map((accountId) => ({ vendor, accountId })),
  };
}
