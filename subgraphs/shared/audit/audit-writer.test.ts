import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../../../test/helpers/temp-dir';
import { migrateDatabase } from '../store/migrate';
import { openAuditStore, type AuditStore } from './audit-store';
import { auditInsertStatements, openAuditRowWriter, WalSync, type AuditRow } from './audit-writer';

function row(logId: string, seq: number): AuditRow {
  return {
    id: `${logId}:${seq}`,
    logId,
    seq,
    at: '2026-11-25T10:00:00.000Z',
    requestId: 'request-1',
    subject: 'clinician-1',
    organization: 'riverside-health',
    orgAddress: null,
    patientId: 'patient-1',
    purpose: 'TREAT',
    decisions: '[["LABS","GRANTED","Patient.observations",null,null]]',
    category: null,
    decision: null,
    field: null,
    reason: null,
    prevHash: 'previous',
    hash: `hash-${seq}`,
  };
}

describe('auditInsertStatements', () => {
  it('writes numbered placeholders per provider and splits large batches', () => {
    const [sqlite] = auditInsertStatements('sqlite', [row('a', 1), row('a', 2)]);
    expect(sqlite!.sql).toMatch(
      /^INSERT INTO "AuditEntry" \("id", "logId", .*"hash"\) VALUES \(\?1, /,
    );
    expect(sqlite!.sql).toContain('?34)');
    expect(sqlite!.values).toHaveLength(34);
    const [postgres] = auditInsertStatements('postgresql', [row('a', 1)]);
    expect(postgres!.sql).toContain('VALUES ($1, $2,');
    const many = auditInsertStatements(
      'sqlite',
      Array.from({ length: 2_500 }, (_, i) => row('a', i + 1)),
    );
    expect(many.map((s) => s.values.length / 17)).toEqual([1_000, 1_000, 500]);
  });
});

describe('SQLite audit writer (worker thread, real database)', () => {
  const temp = makeTempDir('audit-writer');
  let store: AuditStore;
  let url: string;

  beforeAll(async () => {
    url = `file:${path.join(temp.dir, 'audit.db')}`;
    await migrateDatabase('audit', url);
    store = await openAuditStore(url);
  });

  afterAll(async () => {
    await store.$disconnect();
    temp.cleanup();
  });

  afterEach(() => jest.restoreAllMocks());

  // The worker thread (a file other processes write too), and this thread (a file of
  // the process's own, the WAL synced off the thread, or with AUDIT_SYNCHRONOUS=normal not).
  it.each([
    ['on the writer thread', 'w', {}],
    ['on this thread, WAL synced', 'f', { ownFile: true }],
    ['on this thread, not synced', 'n', { synchronous: 'normal' as const, ownFile: true }],
  ] as const)(
    'commits rows the main thread reads back, and reports a failed write as a rejection (%s)',
    async (_where, logId, options) => {
      const writer = openAuditRowWriter(url, store, options);
      try {
        await writer.insert([row(logId, 1), row(logId, 2)]);
        const stored = await store.auditEntry.findMany({
          where: { logId },
          orderBy: { seq: 'asc' },
        });
        expect(stored.map((r) => [r.seq, r.hash, r.orgAddress])).toEqual([
          [1, 'hash-1', null],
          [2, 'hash-2', null],
        ]);
        // A duplicate id violates the primary key: nothing of the call is kept.
        await expect(writer.insert([row(logId, 3), row(logId, 1)])).rejects.toThrow(
          /audit write failed/,
        );
        expect(await store.auditEntry.count({ where: { logId } })).toBe(2);
        // The writer goes on after a failure.
        await writer.insert([row(logId, 3)]);
        expect(await store.auditEntry.count({ where: { logId } })).toBe(3);
      } finally {
        await writer.close();
      }
    },
  );

  it('in a file of its own, syncs the WAL before an append resolves, and fails it if the sync fails', async () => {
    const syncs: string[] = [];
    const realSync = fs.fdatasync;
    let failNext = false;
    jest.spyOn(fs, 'fdatasync').mockImplementation((fd, callback) => {
      // Which file the descriptor is (Linux names it; elsewhere only the count is checked).
      syncs.push(process.platform === 'linux' ? fs.readlinkSync(`/proc/self/fd/${fd}`) : 'wal');
      if (failNext) {
        failNext = false;
        callback(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
        return;
      }
      realSync(fd, callback);
    });
    const writer = openAuditRowWriter(url, store, { ownFile: true });
    try {
      await writer.insert([row('s', 1)]);
      const wal = `${path.join(fs.realpathSync(temp.dir), 'audit.db')}-wal`;
      expect(syncs).toEqual([process.platform === 'linux' ? wal : 'wal']);
      // Committed but not known to be on disk: the append fails (its data is withheld).
      failNext = true;
      await expect(writer.insert([row('s', 2)])).rejects.toThrow(/audit sync failed: EIO/);
      await writer.insert([row('s', 3)]);
      expect(syncs).toHaveLength(3);
    } finally {
      await writer.close();
    }
    // AUDIT_SYNCHRONOUS=normal commits without a sync.
    const unsynced = openAuditRowWriter(url, store, { ownFile: true, synchronous: 'normal' });
    await unsynced.insert([row('s', 4)]);
    await unsynced.close();
    expect(syncs).toHaveLength(3);
  });

  it('reports a WAL it cannot open as a failed sync, and tries again at the next one', async () => {
    const wal = path.join(temp.dir, 'later.db-wal');
    const sync = new WalSync(wal);
    await expect(sync.sync()).rejects.toThrow(/ENOENT/);
    fs.writeFileSync(wal, '');
    await expect(sync.sync()).resolves.toBeUndefined();
    await sync.close();
  });

  it('fails writes after its thread is gone instead of leaving them waiting', async () => {
    const writer = openAuditRowWriter(url, store);
    await writer.close();
    await expect(writer.insert([row('closed', 1)])).rejects.toThrow(/audit writer exited/);
  });

  it('keeps the append-only triggers through every migration: no entry can be changed or removed', async () => {
    await expect(
      store.$executeRawUnsafe(
        `UPDATE "AuditEntry" SET "decisions" = replace("decisions", 'GRANTED', 'DENIED') WHERE "logId" = 'w'`,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      store.$executeRawUnsafe(`DELETE FROM "AuditEntry" WHERE "logId" = 'w'`),
    ).rejects.toThrow(/append-only/);
    expect(await store.auditEntry.count({ where: { logId: 'w' } })).toBe(3);
  });
});
