import type { ConsentRegistry } from '../../../contracts/consent-registry';
import { GENESIS_HASH, hashAuditEntry } from './audit-hash';
import { anchorLogId } from './audit-anchor';
import type { AuditStore } from './audit-store';

export interface AuditChainReport {
  logId: string;
  entries: number;
  /** The chain is intact and (when anchored) agrees with its on-chain anchor. */
  ok: boolean;
  problems: string[];
  anchor: { entryCount: number; headHash: string; matches: boolean } | null;
}

const PAGE = 1000;

/**
 * Recomputes every audit chain from its first entry: sequence numbers without gaps,
 * each entry linked to the previous hash, each hash matching its content. Then
 * compares the chain with its latest on-chain anchor: the anchored entry must still
 * exist with the anchored hash (catches a rewrite of the whole tail, hashes
 * included, and truncation).
 */
export async function verifyAuditChains(
  store: AuditStore,
  registry?: ConsentRegistry,
): Promise<AuditChainReport[]> {
  const logs = await store.auditEntry.findMany({
    distinct: ['logId'],
    select: { logId: true },
    orderBy: { logId: 'asc' },
  });
  const reports: AuditChainReport[] = [];
  for (const { logId } of logs) {
    const problems: string[] = [];
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    const hashBySeq = new Map<number, string>();
    for (let cursor = 0; ; cursor += PAGE) {
      const page = await store.auditEntry.findMany({
        where: { logId },
        orderBy: { seq: 'asc' },
        skip: cursor,
        take: PAGE,
      });
      for (const entry of page) {
        if (entry.seq !== expectedSeq)
          problems.push(`entry ${expectedSeq} is missing (found ${entry.seq})`);
        if (entry.prevHash !== prevHash)
          problems.push(`entry ${entry.seq} does not link to the entry before it`);
        const recomputed = hashAuditEntry(entry.prevHash, entry);
        if (recomputed !== entry.hash)
          problems.push(`entry ${entry.seq} was altered (hash mismatch)`);
        hashBySeq.set(entry.seq, entry.hash);
        prevHash = entry.hash;
        expectedSeq = entry.seq + 1;
      }
      if (page.length < PAGE) break;
    }
    const entries = expectedSeq - 1;
    let anchor: AuditChainReport['anchor'] = null;
    if (registry) {
      const head = await registry.latestAuditHead(anchorLogId(logId));
      if (head) {
        const matches = hashBySeq.get(head.entryCount) === head.headHash;
        anchor = { entryCount: head.entryCount, headHash: head.headHash, matches };
        if (!matches) {
          problems.push(
            head.entryCount > entries
              ? `the chain has ${entries} entries but ${head.entryCount} were anchored (truncated)`
              : `entry ${head.entryCount} differs from the hash anchored on chain`,
          );
        }
      }
    }
    reports.push({ logId, entries, ok: problems.length === 0, problems, anchor });
  }
  return reports;
}
