import path from 'node:path';
import { TEST_REQUESTER } from '../../../test/helpers/gateway-signer';
import { makeTempDir } from '../../../test/helpers/temp-dir';
import { createLogger } from '../logger';
import { migrateDatabase } from '../store/migrate';
import { readMigrations, splitSqlStatements } from '../store/migrations';
import { openNativeDatabase } from '../store/native-libsql';
import { decisionsOfEntry } from './audit-decisions';
import { GENESIS_HASH, hashAuditEntry, type AuditEntryContent } from './audit-hash';
import { AuditLog } from './audit-log';
import { openAuditStore } from './audit-store';
import { openAuditRowWriter } from './audit-writer';
import { verifyAuditChains } from './audit-verify';

/**
 * An audit store written by a version before decision lists (one decision per
 * entry, NOT NULL decision columns) is migrated in place: its entries survive the
 * table's redefinition, keep their hashes, and the chain continues after them.
 */
describe('audit store upgrade to decision lists (real SQLite)', () => {
  const temp = makeTempDir('audit-upgrade');
  afterAll(() => temp.cleanup());

  it('keeps entries of one decision verifiable and continues their chain with lists', async () => {
    const file = path.join(temp.dir, 'ehr-fhir.db');
    const url = `file:${file}`;
    const older = readMigrations('audit', 'sqlite').filter((m) => m.name < '20261206');
    expect(older.map((m) => m.name)).toEqual(['20261125074232_init', '20261125074300_append_only']);
    // The store as the earlier version left it: its migrations and two entries.
    const db = openNativeDatabase(file);
    db.prepare('PRAGMA journal_mode = WAL').all();
    db.exec(
      'CREATE TABLE "_patientgraph_migrations" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    for (const migration of older) {
      for (const statement of splitSqlStatements(migration.sql)) db.exec(statement);
      db.prepare('INSERT INTO "_patientgraph_migrations" VALUES (?, ?, ?)').run(
        migration.name,
        migration.checksum,
        '2026-11-25T00:00:00.000Z',
      );
    }
    let prevHash = GENESIS_HASH;
    for (const [seq, decision] of [
      [1, 'GRANTED'],
      [2, 'DENIED'],
    ] as const) {
      const content: AuditEntryContent = {
        logId: 'ehr-fhir',
        seq,
        at: `2026-11-25T10:00:0${seq}.000Z`,
        requestId: `old-${seq}`,
        subject: TEST_REQUESTER.subject,
        organization: TEST_REQUESTER.organization,
        orgAddress: TEST_REQUESTER.orgAddress,
        patientId: 'patient-1',
        purpose: 'TREAT',
        decisions: null,
        category: 'LABS',
        decision,
        field: 'Patient.observations',
        reason: null,
      };
      const hash = hashAuditEntry(prevHash, content);
      db.prepare(
        'INSERT INTO "AuditEntry" ("id", "logId", "seq", "at", "requestId", "subject", "organization", "orgAddress", "patientId", "category", "purpose", "decision", "field", "reason", "prevHash", "hash") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(
        `ehr-fhir:${seq}`,
        content.logId,
        seq,
        content.at,
        content.requestId,
        content.subject,
        content.organization,
        content.orgAddress,
        content.patientId,
        content.category,
        content.purpose,
        content.decision,
        content.field,
        null,
        prevHash,
        hash,
      );
      prevHash = hash;
    }
    db.close();

    const migrated = await migrateDatabase('audit', url);
    expect(migrated.applied).toEqual([expect.stringMatching(/_decision_lists$/)]);
    const store = await openAuditStore(url);
    const writer = openAuditRowWriter(url, store, { ownFile: true });
    try {
      const log = await AuditLog.open(store, writer, 'ehr-fhir', createLogger('test', 'silent'));
      await log.append(TEST_REQUESTER, 'new-1', [
        {
          at: '2026-12-06T10:00:00.000Z',
          patientId: 'patient-1',
          category: 'CONDITIONS',
          purpose: 'TREAT',
          decision: 'GRANTED',
          field: 'Patient.conditions',
        },
      ]);
      const [report] = await verifyAuditChains(store);
      expect(report).toMatchObject({ logId: 'ehr-fhir', entries: 3, ok: true, problems: [] });
      const entries = await store.auditEntry.findMany({ orderBy: { seq: 'asc' } });
      expect(entries.map((e) => decisionsOfEntry(e).map((d) => d.decision))).toEqual([
        ['GRANTED'],
        ['DENIED'],
        ['GRANTED'],
      ]);
      // Still append-only after the table was redefined.
      await expect(store.$executeRawUnsafe('DELETE FROM "AuditEntry"')).rejects.toThrow(
        /append-only/,
      );
    } finally {
      await writer.close();
      await store.$disconnect();
    }
  });
});
