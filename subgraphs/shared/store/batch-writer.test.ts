import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { holdWriteLockElsewhere } from '../../../test/helpers/sqlite-lock-holder';
import { openNativeDatabase } from './native-libsql';
import { openSqliteBatchWriter, type BatchWriter } from './batch-writer';

describe('SQLite batch writer and the write lock of a shared file', () => {
  let dir: string;
  let file: string;
  const children: ChildProcess[] = [];
  const writers: BatchWriter[] = [];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patientgraph-batch-'));
    file = path.join(dir, 'shared.db');
    const setup = openNativeDatabase(file);
    setup.prepare('PRAGMA journal_mode = WAL').all();
    setup.exec('CREATE TABLE entry (id INTEGER PRIMARY KEY, writer TEXT)');
    setup.close();
  });

  afterEach(async () => {
    for (const writer of writers.splice(0)) await writer.close();
    for (const child of children.splice(0)) child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const insert = (writer: string) => [
    { sql: 'INSERT INTO entry (writer) VALUES (?)', params: [writer] },
  ];

  it('waits for the lock another process holds, then commits after it', async () => {
    const writer = openSqliteBatchWriter(`file:${file}`);
    writers.push(writer);
    await holdWriteLockElsewhere(file, 300, children);
    await expect(writer.write([insert('here')])).resolves.toEqual([{ changes: [1] }]);
    const db = openNativeDatabase(file);
    // The other process's row came first: this write waited for its commit.
    expect(db.prepare('SELECT writer FROM entry ORDER BY id').all()).toEqual([
      { writer: 'other' },
      { writer: 'here' },
    ]);
    db.close();
  });

  it('fails the batch, without hanging, when the lock is held past its wait', async () => {
    const writer = openSqliteBatchWriter(`file:${file}`, { lockTimeoutMs: 200 });
    writers.push(writer);
    await holdWriteLockElsewhere(file, 5_000, children);
    await expect(writer.write([insert('here')])).rejects.toThrow(/SQLITE_BUSY|locked/);
  });

  it('undoes a refused unit whole, alone or among others, and keeps writing', async () => {
    const writer = openSqliteBatchWriter(`file:${file}`);
    writers.push(writer);
    const refused = [
      ...insert('half-written'),
      { sql: 'INSERT INTO missing VALUES (1)', params: [] },
    ];
    const [lone] = await writer.write([refused]);
    expect(lone).toEqual({ error: expect.stringMatching(/no such table/) });
    const mixed = await writer.write([insert('first'), refused, insert('third')]);
    expect(mixed.map((result) => 'error' in result)).toEqual([false, true, false]);
    await expect(writer.write([insert('after')])).resolves.toEqual([{ changes: [1] }]);
    const db = openNativeDatabase(file);
    expect(db.prepare('SELECT writer FROM entry ORDER BY id').all()).toEqual([
      { writer: 'first' },
      { writer: 'third' },
      { writer: 'after' },
    ]);
    db.close();
  });

  it('commits with the durability asked for: synced by default, or at checkpoints only', async () => {
    const recordSynchronous = [
      { sql: 'INSERT INTO entry (writer) SELECT synchronous FROM pragma_synchronous', params: [] },
    ];
    for (const options of [{}, { synchronous: 'normal' as const }]) {
      const writer = openSqliteBatchWriter(`file:${file}`, options);
      writers.push(writer);
      await writer.write([recordSynchronous]);
    }
    const db = openNativeDatabase(file);
    // SQLite's codes: 2 = FULL, 1 = NORMAL.
    expect(db.prepare('SELECT writer FROM entry ORDER BY id').all()).toEqual([
      { writer: '2' },
      { writer: '1' },
    ]);
    db.close();
  });
});
