import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAuditStore } from '../audit/audit-store';
import { migrateDatabase } from './migrate';
import { openNativeDatabase } from './native-libsql';
import { FALLBACK_AUTOCHECKPOINT_PAGES, holdWalCheckpointer } from './wal-checkpointer';

describe('holdWalCheckpointer', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patientgraph-wal-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('copies committed pages into the database file in the background', async () => {
    const file = path.join(dir, 'store.db');
    const writer = openNativeDatabase(file);
    writer.prepare('PRAGMA journal_mode = WAL').all();
    writer.prepare('PRAGMA wal_autocheckpoint = 0').all();
    writer.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
    for (let i = 0; i < 50; i++) writer.exec(`INSERT INTO t (body) VALUES ('${'x'.repeat(2000)}')`);
    // Everything is still in the WAL: the database file holds no table pages yet.
    const before = fs.statSync(file).size;
    const release = holdWalCheckpointer(file, 50);
    try {
      let size = before;
      for (let tries = 0; tries < 60 && size < before + 100_000; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        size = fs.statSync(file).size;
      }
      expect(size).toBeGreaterThanOrEqual(before + 100_000);
    } finally {
      await release();
      writer.close();
    }
  });

  it('keeps a bound for when the background thread is behind', () => {
    expect(FALLBACK_AUTOCHECKPOINT_PAGES).toBeGreaterThan(1_000);
  });

  // A store's folder may be deleted as soon as $disconnect resolves: the checkpoint
  // thread has closed its connection by then and creates no file after it.
  it('lets go of the file before a store client finishes disconnecting', async () => {
    for (let round = 0; round < 5; round++) {
      const folder = fs.mkdtempSync(path.join(dir, 'store-'));
      const url = `file:${path.join(folder, 'audit.db')}`;
      await migrateDatabase('audit', url);
      const store = await openAuditStore(url);
      await store.auditEntry.count();
      await store.$disconnect();
      fs.rmSync(folder, { recursive: true });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(fs.existsSync(folder)).toBe(false);
    }
  });

  // A command-line run ends with `await store.$disconnect()`: with nothing else
  // pending, the process used to exit at that await and skip what came after.
  it('keeps the process alive until the release has resolved', () => {
    const file = path.join(dir, 'store.db');
    const script = `
      const { holdWalCheckpointer } = require('./subgraphs/shared/store/wal-checkpointer');
      const release = holdWalCheckpointer(${JSON.stringify(file)});
      setTimeout(async () => {
        await release();
        process.stdout.write('after release');
      }, 50);`;
    const output = execFileSync(
      process.execPath,
      ['-r', './bin/register-typescript.js', '-e', script],
      { encoding: 'utf8' },
    );
    expect(output).toBe('after release');
  });
});
