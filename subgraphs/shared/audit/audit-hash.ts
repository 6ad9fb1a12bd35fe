import { createHash } from 'node:crypto';

/** The fields an audit entry's hash covers: everything but the hash itself. */
export interface AuditEntryContent {
  logId: string;
  seq: number;
  at: string;
  requestId: string;
  subject: string;
  organization: string;
  orgAddress: string | null;
  patientId: string;
  category: string;
  purpose: string;
  decision: string;
  field: string;
  reason: string | null;
  /**
   * The subgraph whose policy layer decided, when another process committed the
   * entry (the gateway, for the queries it answers); null or absent otherwise.
   */
  subgraph?: string | null;
}

/** The hash the first entry of every chain links to. */
export const GENESIS_HASH = `0x${'0'.repeat(64)}`;

/**
 * sha256 over the previous hash and the entry's fields in a fixed order, as
 * 0x-prefixed hex (bytes32, so a head can be anchored on chain as is). `subgraph`
 * came later: it is hashed only when set, so entries written before it existed
 * keep their hashes and their chains still verify.
 */
export function hashAuditEntry(prevHash: string, entry: AuditEntryContent): string {
  const canonical = JSON.stringify([
    entry.logId,
    entry.seq,
    entry.at,
    entry.requestId,
    entry.subject,
    entry.organization,
    entry.orgAddress,
    entry.patientId,
    entry.category,
    entry.purpose,
    entry.decision,
    entry.field,
    entry.reason,
    ...(entry.subgraph == null ? [] : [entry.subgraph]),
  ]);
  return `0x${createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex')}`;
}
