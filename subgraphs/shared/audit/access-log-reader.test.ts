import fs from 'node:fs';
import path from 'node:path';
import { TEST_REQUESTER } from '../../../test/helpers/gateway-signer';
import { makeTempDir } from '../../../test/helpers/temp-dir';
import type { DecisionRecord } from '../consent/request-consent';
import { createLogger } from '../logger';
import { migrateDatabase } from '../store/migrate';
import { openAccessLogReader, type AccessLogReader } from './access-log-reader';
import { auditUrlFor } from './audit-locations';
import { decisionsOfEntry } from './audit-decisions';
import { AuditLog } from './audit-log';
import { openAuditStore, type AuditStore, type StoredAuditEntry } from './audit-store';
import { openAuditRowWriter, type AuditRowWriter } from './audit-writer';

const fieldsOf = (entry: StoredAuditEntry) =>
  decisionsOfEntry(entry)
    .map((d) => d.field)
    .join(',');

function decision(patientId: string, at: string, field: string): DecisionRecord {
  return { at, patientId, category: 'LABS', purpose: 'TREAT', decision: 'GRANTED', field };
}

/** One process's audit log in its own file, as a subgraph keeps it. */
async function openLog(pattern: string, logId: string) {
  const url = auditUrlFor(pattern, logId);
  await migrateDatabase('audit', url);
  const store = await openAuditStore(url);
  const writer = openAuditRowWriter(url, store);
  const log = await AuditLog.open(store, writer, logId, createLogger('test', 'silent'));
  return { url, store, writer, log };
}

describe('the access log over one audit file per process (real SQLite)', () => {
  const temp = makeTempDir('access-log');
  const pattern = `file:${path.join(temp.dir, 'audit', '{logId}.db')}`;
  const opened: { store: AuditStore; writer: AuditRowWriter }[] = [];
  let reader: AccessLogReader;

  afterAll(async () => {
    reader?.close();
    for (const { store, writer } of opened) {
      await writer.close();
      await store.$disconnect();
    }
    temp.cleanup();
  });

  it("merges every process's entries about the patient, newest first, and sees logs started later", async () => {
    const identity = await openLog(pattern, 'identity');
    const fhir = await openLog(pattern, 'ehr-fhir');
    opened.push(identity, fhir);
    await identity.log.append(TEST_REQUESTER, 'r1', [
      decision('p1', '2026-11-25T10:00:00.000Z', 'Patient.name'),
      decision('p2', '2026-11-25T10:00:01.000Z', 'Patient.name'),
    ]);
    await fhir.log.append(TEST_REQUESTER, 'r1', [
      decision('p1', '2026-11-25T10:00:02.000Z', 'Patient.conditions'),
    ]);
    reader = openAccessLogReader(pattern, identity);
    const first = await reader.entriesFor('p1', 10);
    expect(first.map((e) => [e.logId, fieldsOf(e)])).toEqual([
      ['ehr-fhir', 'Patient.conditions'],
      ['identity', 'Patient.name'],
    ]);
    // p2's decision is an entry of its own: one entry per request and patient.
    expect((await reader.entriesFor('p2', 10)).map(fieldsOf)).toEqual(['Patient.name']);

    // A file made but not migrated yet holds nothing; a log started later is read.
    fs.writeFileSync(path.join(temp.dir, 'audit', 'starting.db'), '');
    const wearables = await openLog(pattern, 'wearables');
    opened.push(wearables);
    await wearables.log.append(TEST_REQUESTER, 'r2', [
      decision('p1', '2026-11-25T10:00:03.000Z', 'Patient.heartRate'),
    ]);
    const later = await reader.entriesFor('p1', 2);
    expect(later.map((e) => [e.logId, fieldsOf(e), e.seq])).toEqual([
      ['wearables', 'Patient.heartRate', 1],
      ['ehr-fhir', 'Patient.conditions', 1],
    ]);
    expect(later[0]).toMatchObject({ patientId: 'p1', organization: TEST_REQUESTER.organization });
    expect(decisionsOfEntry(later[0]!)).toEqual([
      {
        category: 'LABS',
        decision: 'GRANTED',
        field: 'Patient.heartRate',
        subgraph: null,
        reason: null,
      },
    ]);
  });
});
