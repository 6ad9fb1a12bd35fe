import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { withBusyTimeout } from './libsql-busy-timeout';

/**
 * Another process holds the write lock of a SQLite file for 400 ms (as another
 * subgraph appending to the shared audit log does); a client here writes
 * meanwhile, on the fresh connection @libsql/client opens after a transaction.
 */
describe('withBusyTimeout', () => {
  let dir: string;
  let file: string;
  const children: ChildProcess[] = [];

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patientgraph-busy-'));
    file = path.join(dir, 'shared.db');
    const setup = createClient({ url: `file:${file}` });
    await setup.execute('CREATE TABLE entry (id INTEGER PRIMARY KEY, writer TEXT)');
    setup.close();
  });

  afterEach(() => {
    for (const child of children) child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Resolves once the other process holds the write lock. */
  function holdLockElsewhere(ms: number): Promise<void> {
    const script = `
      const Database = require('libsql');
      const db = new Database(${JSON.stringify(file)});
      db.exec("BEGIN IMMEDIATE; INSERT INTO entry (writer) VALUES ('other')");
      process.stdout.write('locked\\n');
      setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${ms});`;
    const child = spawn(process.execPath, ['-e', script], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    return new Promise((resolve, reject) => {
      child.stdout!.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
    });
  }

  /** A write transaction first, so the next statement runs on a fresh connection. */
  async function afterATransaction(client: Client): Promise<Client> {
    const tx = await client.transaction('write');
    await tx.execute("INSERT INTO entry (writer) VALUES ('before')");
    await tx.commit();
    return client;
  }

  it('waits for the other process instead of failing with SQLITE_BUSY', async () => {
    const client = await afterATransaction(withBusyTimeout(createClient({ url: `file:${file}` })));
    await holdLockElsewhere(400);
    await client.execute("INSERT INTO entry (writer) VALUES ('here')");
    const rows = await client.execute('SELECT writer FROM entry ORDER BY id');
    expect(rows.rows.map((r) => r.writer)).toEqual(['before', 'other', 'here']);
    client.close();
  });

  it('(without it, the same write fails at once: the bug it fixes)', async () => {
    const client = await afterATransaction(createClient({ url: `file:${file}` }));
    await client.execute('PRAGMA busy_timeout = 10000'); // lost at the next transaction
    await afterATransaction(client);
    await holdLockElsewhere(400);
    await expect(client.execute("INSERT INTO entry (writer) VALUES ('here')")).rejects.toThrow(
      /SQLITE_BUSY|locked/,
    );
    client.close();
  });
});
