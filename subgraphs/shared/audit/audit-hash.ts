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
  purpose: string;
  /** The entry's decision list, as stored (audit-decisions.ts); null in entries of one decision. */
  decisions: string | null;
  /** Entries of one decision (written before decision lists): category, decision, field, reason. */
  category: string | null;
  decision: string | null;
  field: string | null;
  reason: string | null;
}

/** The hash the first entry of every chain links to. */
export const GENESIS_HASH = `0x${'0'.repeat(64)}`;

/** Tags the canonical form of entries with a decision list, apart from one-decision entries. */
const DECISION_LIST_FORM = 'decisions/1';

/**
 * sha256 over the previous hash and the entry's fields in a fixed order, as
 * 0x-prefixed hex (bytes32, so a head can be anchored on chain as is). An entry
 * with a decision list hashes its list as stored (the exact text, so no
 * re-serialisation can disagree); entries of one decision, written before lists
 * existed, keep the form they were hashed with, so their chains still verify.
 */
export function hashAuditEntry(prevHash: string, entry: AuditEntryContent): string {
  const who = [
    entry.logId,
    entry.seq,
    entry.at,
    entry.requestId,
    entry.subject,
    entry.organization,
    entry.orgAddress,
    entry.patientId,
  ];
  const canonical =
    entry.decisions === null || entry.decisions === undefined
      ? JSON.stringify([
          ...who,
          entry.category,
          entry.purpose,
          entry.decision,
          entry.field,
          entry.reason,
        ])
      : JSON.stringify([DECISION_LIST_FORM, ...who, entry.purpose, entry.decisions]);
  return `0x${createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex')}`;
}
