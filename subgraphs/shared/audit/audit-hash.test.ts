import { createHash } from 'node:crypto';
import { GENESIS_HASH, hashAuditEntry, type AuditEntryContent } from './audit-hash';

const COMMON = {
  logId: 'gateway',
  seq: 7,
  at: '2026-12-06T10:00:00.000Z',
  requestId: 'request-1',
  subject: 'clinician-1',
  organization: 'riverside-health',
  orgAddress: '0x00000000000000000000000000000000000000aa',
  patientId: 'pg-0001',
  purpose: 'TREAT',
};

/** An entry of one decision, as written before decision lists. */
const ONE_DECISION: AuditEntryContent = {
  ...COMMON,
  logId: 'ehr-fhir',
  decisions: null,
  category: 'LABS',
  decision: 'GRANTED',
  field: 'Patient.observations',
  reason: null,
};

const WITH_LIST: AuditEntryContent = {
  ...COMMON,
  decisions: JSON.stringify([
    ['LABS', 'GRANTED', 'Patient.observations', 'ehr-fhir', null],
    ['DEMOGRAPHICS', 'GRANTED', 'Patient.name', 'identity', null],
  ]),
  category: null,
  decision: null,
  field: null,
  reason: null,
};

/** The hash exactly as entries were hashed before decision lists (those chains must verify). */
function hashedBeforeLists(prevHash: string, e: AuditEntryContent): string {
  const canonical = JSON.stringify([
    e.logId,
    e.seq,
    e.at,
    e.requestId,
    e.subject,
    e.organization,
    e.orgAddress,
    e.patientId,
    e.category,
    e.purpose,
    e.decision,
    e.field,
    e.reason,
  ]);
  const digest = createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
  return `0x${digest}`;
}

describe('hashAuditEntry', () => {
  it('hashes an entry of one decision exactly as before decision lists', () => {
    expect(hashAuditEntry(GENESIS_HASH, ONE_DECISION)).toBe(
      hashedBeforeLists(GENESIS_HASH, ONE_DECISION),
    );
  });

  it('covers every decision of a list: which subgraph decided, what, in which order', () => {
    const hash = hashAuditEntry(GENESIS_HASH, WITH_LIST);
    expect(hash).toMatch(/^0x[0-9a-f]{64}$/);
    const list = JSON.parse(WITH_LIST.decisions!) as unknown[][];
    const variants = [
      [['LABS', 'DENIED', 'Patient.observations', 'ehr-fhir', null], list[1]],
      [['LABS', 'GRANTED', 'Patient.observations', 'ehr-hl7v2', null], list[1]],
      [list[1], list[0]],
      [list[0]],
    ];
    for (const variant of variants)
      expect(
        hashAuditEntry(GENESIS_HASH, { ...WITH_LIST, decisions: JSON.stringify(variant) }),
      ).not.toBe(hash);
    expect(hashAuditEntry(GENESIS_HASH, { ...WITH_LIST, patientId: 'pg-0002' })).not.toBe(hash);
    expect(hashAuditEntry(`0x${'1'.repeat(64)}`, WITH_LIST)).not.toBe(hash);
  });
});
