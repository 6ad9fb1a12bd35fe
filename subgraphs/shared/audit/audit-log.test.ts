import path from 'node:path';
import { makeTempDir } from '../../../test/helpers/temp-dir';
import type { DecisionRecord } from '../consent/request-consent';
import pino from 'pino';
import { createLogger } from '../logger';
import type { Requester } from '../requester';
import { migrateDatabase } from '../store/migrate';
import { decisionsOfEntry } from './audit-decisions';
import { AuditLog } from './audit-log';
import { openAuditStore, type AuditStore } from './audit-store';
import { AuditSyncError, openAuditRowWriter, type AuditRowWriter } from './audit-writer';
import { verifyAuditChains } from './audit-verify';

const requester: Requester = {
  subject: 'clinician-1',
  organization: 'riverside-health',
  orgAddress: '0x0000000000000000000000000000000000000001',
  purpose: 'TREAT',
  scopes: [],
};

function records(patientId: string, n: number): DecisionRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    at: '2026-11-25T10:00:00.000Z',
    patientId,
    category: 'conditions',
    purpose: 'TREAT',
    decision: 'GRANTED' as const,
    field: `Patient.field${i}`,
  }));
}

describe('AuditLog (real SQLite audit store)', () => {
  const temp = makeTempDir('audit-log');
  let store: AuditStore;
  let sqliteWriter: AuditRowWriter;
  /** The real writer, counting its commits; it can be told to fail one. */
  let writer: AuditRowWriter;
  let commits: number;
  /** The commit (1-based, counted per test) that fails, if any. */
  let failCommit: number | undefined;
  /** The commit that is written but whose sync to disk fails, if any. */
  let failSync: number | undefined;
  const logger = createLogger('audit-log-test', 'silent');

  beforeAll(async () => {
    const url = `file:${path.join(temp.dir, 'audit.db')}`;
    await migrateDatabase('audit', url);
    store = await openAuditStore(url);
    sqliteWriter = openAuditRowWriter(url, store);
    writer = {
      insert(rows) {
        commits += 1;
        if (commits === failCommit) return Promise.reject(new Error('disk full'));
        if (commits === failSync) {
          return sqliteWriter.insert(rows).then(() => {
            throw new AuditSyncError('audit sync failed: EIO');
          });
        }
        return sqliteWriter.insert(rows);
      },
      close: () => sqliteWriter.close(),
    };
  });

  beforeEach(() => {
    commits = 0;
    failCommit = undefined;
    failSync = undefined;
  });

  afterAll(async () => {
    await writer.close();
    await store.$disconnect();
    temp.cleanup();
  });

  it('commits requests that arrive during a write together, in order, as one valid chain', async () => {
    const log = await AuditLog.open(store, writer, 'group-commit', logger);
    const appends = Array.from({ length: 20 }, (_, i) =>
      log.append(requester, `request-${i}`, records(`patient-${i}`, 3)),
    );
    await Promise.all(appends);
    // The first request is written at once; the 19 that queued behind it share one commit.
    expect(commits).toBe(2);
    const entries = await store.auditEntry.findMany({
      where: { logId: 'group-commit' },
      orderBy: { seq: 'asc' },
    });
    // One entry per request and patient, holding its three decisions in order.
    expect(entries.map((e) => e.requestId)).toEqual(
      Array.from({ length: 20 }, (_, i) => `request-${i}`),
    );
    expect(entries.every((e) => decisionsOfEntry(e).length === 3)).toBe(true);
    expect(decisionsOfEntry(entries[0]!).map((d) => d.field)).toEqual([
      'Patient.field0',
      'Patient.field1',
      'Patient.field2',
    ]);
    expect(log.currentHead).toEqual({ logId: 'group-commit', seq: 20, hash: entries[19]!.hash });
    const [report] = (await verifyAuditChains(store)).filter((r) => r.logId === 'group-commit');
    expect(report).toMatchObject({ entries: 20, ok: true, problems: [] });
  });

  it('fails every request of a failed commit, and the chain goes on intact after it', async () => {
    const log = await AuditLog.open(store, writer, 'failing', logger);
    failCommit = 2;
    const before = log.append(requester, 'before', records('patient-a', 1));
    // Both queue behind 'before' and share the second commit, which fails: both are told.
    const failed = [
      log.append(requester, 'lost-1', records('patient-b', 2)),
      log.append(requester, 'lost-2', records('patient-c', 2)),
    ];
    await before;
    await expect(failed[0]).rejects.toThrow('disk full');
    await expect(failed[1]).rejects.toThrow('disk full');
    await log.append(requester, 'after', records('patient-d', 1));
    const entries = await store.auditEntry.findMany({
      where: { logId: 'failing' },
      orderBy: { seq: 'asc' },
    });
    expect(entries.map((e) => [e.seq, e.requestId])).toEqual([
      [1, 'before'],
      [2, 'after'],
    ]);
    const [report] = (await verifyAuditChains(store)).filter((r) => r.logId === 'failing');
    expect(report).toMatchObject({ ok: true });
  });

  it('fails the requests whose commit could not be synced, and the next append follows their entries', async () => {
    const log = await AuditLog.open(store, writer, 'sync-failed', logger);
    failSync = 2;
    await log.append(requester, 'before', records('patient-a', 1));
    await expect(log.append(requester, 'unsynced', records('patient-b', 1))).rejects.toThrow(
      AuditSyncError,
    );
    // Its entry is in the store, so the chain continues after it instead of colliding.
    await log.append(requester, 'after', records('patient-c', 1));
    const entries = await store.auditEntry.findMany({
      where: { logId: 'sync-failed' },
      orderBy: { seq: 'asc' },
    });
    expect(entries.map((e) => [e.seq, e.requestId])).toEqual([
      [1, 'before'],
      [2, 'unsynced'],
      [3, 'after'],
    ]);
    const [report] = (await verifyAuditChains(store)).filter((r) => r.logId === 'sync-failed');
    expect(report).toMatchObject({ entries: 3, ok: true });
  });

  it('writes a request about more patients than one statement holds atomically, in order', async () => {
    const log = await AuditLog.open(store, writer, 'large', logger);
    const page = Array.from({ length: 2_500 }, (_, i) => records(`patient-${i}`, 1)[0]!);
    await log.append(requester, 'page-of-2500', page);
    expect(commits).toBe(1);
    const [report] = (await verifyAuditChains(store)).filter((r) => r.logId === 'large');
    expect(report).toMatchObject({ entries: 2_500, ok: true });
    const last = await store.auditEntry.findFirst({ where: { logId: 'large', seq: 2_500 } });
    expect(last?.patientId).toBe('patient-2499');
  });

  it("commits the subgraphs' reports of one request in one append, each under its subgraph's name", async () => {
    const log = await AuditLog.open(store, writer, 'gateway-reports', logger);
    await log.appendReports(requester, 'federated-1', [
      { subgraph: 'identity', decisions: records('patient-a', 1) },
      { subgraph: 'ehr-fhir', decisions: records('patient-a', 2) },
      { subgraph: 'wearables', decisions: [] },
    ]);
    expect(commits).toBe(1);
    const entries = await store.auditEntry.findMany({
      where: { logId: 'gateway-reports' },
      orderBy: { seq: 'asc' },
    });
    // One entry: the request's decisions about the patient, whichever subgraph made them.
    expect(entries).toHaveLength(1);
    expect(decisionsOfEntry(entries[0]!).map((d) => [d.subgraph, d.field])).toEqual([
      ['identity', 'Patient.field0'],
      ['ehr-fhir', 'Patient.field0'],
      ['ehr-fhir', 'Patient.field1'],
    ]);
    const [report] = (await verifyAuditChains(store)).filter((r) => r.logId === 'gateway-reports');
    expect(report).toMatchObject({ entries: 1, ok: true });
    // Editing which subgraph decided breaks the chain like any other field.
    await store.$executeRawUnsafe('DROP TRIGGER "AuditEntry_no_update"');
    try {
      await store.$executeRawUnsafe(
        `UPDATE "AuditEntry" SET "decisions" = replace("decisions", '"ehr-fhir"', '"identity"') WHERE "logId" = 'gateway-reports'`,
      );
      const [tampered] = (await verifyAuditChains(store)).filter(
        (r) => r.logId === 'gateway-reports',
      );
      expect(tampered!.problems.join('\n')).toMatch(/entry 1 was altered/);
    } finally {
      await store.$executeRawUnsafe(
        `CREATE TRIGGER "AuditEntry_no_update" BEFORE UPDATE ON "AuditEntry" BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`,
      );
    }
  });

  it('fails closed, and says why, when another process writes the same chain (same AUDIT_LOG_ID)', async () => {
    const lines: string[] = [];
    const capture = pino({ level: 'error' }, { write: (line: string) => void lines.push(line) });
    const first = await AuditLog.open(store, writer, 'shared-id', logger);
    const second = await AuditLog.open(store, writer, 'shared-id', capture);
    await first.append(requester, 'from-first', records('patient-a', 1));
    await expect(second.append(requester, 'from-second', records('patient-b', 1))).rejects.toThrow(
      /UNIQUE constraint/,
    );
    expect(lines.join('')).toContain('another process writes this audit chain');
    const entries = await store.auditEntry.findMany({ where: { logId: 'shared-id' } });
    expect(entries.map((e) => e.requestId)).toEqual(['from-first']);
  });

  it('writes nothing for a request without decisions', async () => {
    const log = await AuditLog.open(store, writer, 'empty', logger);
    await log.append(requester, 'none', []);
    expect(commits).toBe(0);
  });

  it('continues a chain across reopening (a restarted process)', async () => {
    const first = await AuditLog.open(store, writer, 'restarted', logger);
    await first.append(requester, 'r1', records('patient-a', 2));
    const second = await AuditLog.open(store, writer, 'restarted', logger);
    await second.append(requester, 'r2', records('patient-a', 1));
    const [report] = (await verifyAuditChains(store)).filter((r) => r.logId === 'restarted');
    expect(report).toMatchObject({ entries: 2, ok: true });
  });
});
