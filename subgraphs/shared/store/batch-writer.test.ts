import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nativeLibsqlPath } from './native-libsql';
import { openSqliteBatchWriter, type BatchWriter } from './batch-writer';

interface NativeDatabase {
  prepare(sql: string): { all(): unknown[] };
  exec(sql: string): void;
  close(): void;
}

function openNative(file: string): NativeDatabase {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the native driver has no types
  const Database = require(nativeLibsqlPath()) as new (file: string) => NativeDatabase;
  return new Database(file);
}

describe('SQLite batch writer and the write lock of a shared file', () => {
  let dir: string;
  let file: string;
  const children: ChildProcess[] = [];
  const writers: BatchWriter[] = [];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patientgraph-batch-'));
    file = path.join(dir, 'shared.db');
    const setup = openNative(file);
    setup.prepare('PRAGMA journal_mode = WAL').all();
    setup.exec('CREATE TABLE entry (id INTEGER PRIMARY KEY, writer TEXT)');
    setup.close();
  });

  afterEach(async () => {
    for (const writer of writers.splice(0)) await writer.close();
    for (const child of children.splice(0)) child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Another process takes the write lock, as another subgraph committing its audit entries does. */
  function holdLockElsewhere(ms: number): Promise<void> {
    const script = `
      const Database = require(${JSON.stringify(nativeLibsqlPath())});
      const db = new Database(${JSON.stringify(file)});
      db.exec("BEGIN IMMEDIATE; INSERT INTO entry (writer) VALUES ('other')");
      process.stdout.write('locked\\n');
      setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${ms});`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    return new Promise((resolve, reject) => {
      child.stdout!.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
    });
  }

  const insert = (writer: string) => [
    { sql: 'INSERT INTO entry (writer) VALUES (?)', params: [writer] },
  ];

  it('waits for the lock another process holds, then commits after it', async () => {
    const writer = openSqliteBatchWriter(`file:${file}`);
    writers.push(writer);
    await holdLockElsewhere(300);
    await expect(writer.write([insert('here')])).resolves.toEqual([{ changes: [1] }]);
    const db = openNative(file);
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
    await holdLockElsewhere(5_000);
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
    const db = openNative(file);
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
    const db = openNative(file);
    // SQLite's codes: 2 = FULL, 1 = NORMAL.
    expect(db.prepare('SELECT writer FROM entry ORDER BY id').all()).toEqual([
      { writer: '2' },
      { writer: '1' },
    ]);
    db.close();
  });
});
