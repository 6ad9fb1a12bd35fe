import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ReportStore, type StoredReport } from './report-store';

const report = (id: string, patient: string, effective: string): StoredReport => ({
  id,
  patientLocalId: patient,
  status: 'final',
  modality: 'CT',
  code: { coding: [], text: 'CT Head' },
  effectiveDateTime: effective,
  issued: null,
  conclusion: null,
  conclusionCode: [],
  securityLabel: [],
  receivedAt: '2026-11-20T00:00:00.000Z',
});

describe('ReportStore', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patientgraph-reports-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds reports by local patient id, newest first, and keeps them across restarts', async () => {
    const file = path.join(dir, 'data', 'reports.json');
    const store = ReportStore.open(file);
    await Promise.all([
      store.put(report('a', 'P1', '2026-01-01')),
      store.put(report('b', 'P1', '2026-03-01')),
      store.put(report('c', 'P2', '2026-02-01')),
    ]);
    expect(store.reportsOf(['P1']).map((r) => r.id)).toEqual(['b', 'a']);
    await store.close();
    const reopened = ReportStore.open(file);
    expect(reopened.reportsOf(['P1', 'P2']).map((r) => r.id)).toEqual(['b', 'c', 'a']);
    expect(reopened.size).toBe(3);
  });

  it('replaces a resent report, even when it moved to another patient', async () => {
    const store = ReportStore.open(path.join(dir, 'reports.json'));
    await store.put(report('a', 'P1', '2026-01-01'));
    await store.put(report('a', 'P2', '2026-01-02'));
    expect(store.reportsOf(['P1'])).toEqual([]);
    expect(store.reportsOf(['P2']).map((r) => r.effectiveDateTime)).toEqual(['2026-01-02']);
    expect(store.size).toBe(1);
  });

  it('keeps memory as it was when the file cannot be written', async () => {
    const blocker = path.join(dir, 'not-a-dir');
    fs.writeFileSync(blocker, 'x');
    const store = ReportStore.open(path.join(blocker, 'reports.json'));
    await expect(store.put(report('a', 'P1', '2026-01-01'))).rejects.toThrow();
    expect(store.size).toBe(0);
    await store.close();
  });
});
