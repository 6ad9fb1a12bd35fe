import { createHash } from 'node:crypto';
import { GENESIS_HASH, hashAuditEntry, type AuditEntryContent } from './audit-hash';

const ENTRY: AuditEntryContent = {
  logId: 'ehr-fhir',
  seq: 7,
  at: '2026-12-06T10:00:00.000Z',
  requestId: 'request-1',
  subject: 'clinician-1',
  organization: 'riverside-health',
  orgAddress: '0x00000000000000000000000000000000000000aa',
  patientId: 'pg-0001',
  category: 'LABS',
  purpose: 'TREAT',
  decision: 'GRANTED',
  field: 'Patient.observations',
  reason: null,
};

/** The hash as entries were hashed before `subgraph` existed (chains written then must verify). */
function hashedBeforeSubgraph(prevHash: string, e: AuditEntryContent): string {
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
  it('hashes an entry without a subgraph exactly as entries written before the column', () => {
    expect(hashAuditEntry(GENESIS_HASH, ENTRY)).toBe(hashedBeforeSubgraph(GENESIS_HASH, ENTRY));
    expect(hashAuditEntry(GENESIS_HASH, { ...ENTRY, subgraph: null })).toBe(
      hashedBeforeSubgraph(GENESIS_HASH, ENTRY),
    );
  });

  it('covers the subgraph that decided, when the gateway committed the entry', () => {
    const committed = { ...ENTRY, logId: 'gateway', subgraph: 'ehr-fhir' };
    const hash = hashAuditEntry(GENESIS_HASH, committed);
    expect(hash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(hash).not.toBe(hashAuditEntry(GENESIS_HASH, { ...committed, subgraph: null }));
    expect(hash).not.toBe(hashAuditEntry(GENESIS_HASH, { ...committed, subgraph: 'ehr-hl7v2' }));
  });
});
