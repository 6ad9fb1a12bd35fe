import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { holdWriteLockElsewhere } from '../../../test/helpers/sqlite-lock-holder';
import { onOneConnection } from './libsql-connection';

describe('onOneConnection', () => {
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

  /** A write transaction first, so the next statement runs on a fresh connection. */
  async function afterATransaction(client: Client): Promise<Client> {
    const tx = await client.transaction('write');
    await tx.execute("INSERT INTO entry (writer) VALUES ('before')");
    await tx.commit();
    return client;
  }

  // Another process holds the write lock for 400 ms (as another subgraph appending
  // to the shared audit log does); the client writes meanwhile, after a transaction.
  it('waits for the other process instead of failing with SQLITE_BUSY', async () => {
    const client = await afterATransaction(onOneConnection(createClient({ url: `file:${file}` })));
    await holdWriteLockElsewhere(file, 400, children);
    await client.execute("INSERT INTO entry (writer) VALUES ('here')");
    const rows = await client.execute('SELECT writer FROM entry ORDER BY id');
    expect(rows.rows.map((r) => r.writer)).toEqual(['before', 'other', 'here']);
    client.close();
  });

  it('(without it, the same write fails at once: the bug it fixes)', async () => {
    const client = await afterATransaction(createClient({ url: `file:${file}` }));
    await client.execute('PRAGMA busy_timeout = 10000'); // lost at the next transaction
    await afterATransaction(client);
    await holdWriteLockElsewhere(file, 400, children);
    await expect(client.execute("INSERT INTO entry (writer) VALUES ('here')")).rejects.toThrow(
      /SQLITE_BUSY|locked/,
    );
    client.close();
  });

  // A temporary table lives only as long as the connection that made it.
  it('keeps one connection across transactions (plain @libsql/client does not)', async () => {
    const kept = onOneConnection(createClient({ url: `file:${file}` }));
    await kept.execute('CREATE TEMP TABLE scratch (n INTEGER)');
    await afterATransaction(kept);
    await expect(kept.execute('SELECT count(*) AS n FROM scratch')).resolves.toBeDefined();
    kept.close();

    const plain = createClient({ url: `file:${file}` });
    await plain.execute('CREATE TEMP TABLE scratch (n INTEGER)');
    await afterATransaction(plain);
    await expect(plain.execute('SELECT count(*) AS n FROM scratch')).rejects.toThrow(
      /no such table/,
    );
    plain.close();
  });

  it('sets the page cache and lock wait on the connection', async () => {
    const client = onOneConnection(createClient({ url: `file:${file}` }));
    const cache = await client.execute('PRAGMA cache_size');
    const busy = await client.execute('PRAGMA busy_timeout');
    expect(Number(Object.values(cache.rows[0]!)[0])).toBe(-65536);
    expect(Number(Object.values(busy.rows[0]!)[0])).toBe(10000);
    client.close();
  });

  it('runs statements from outside a transaction after it ends, never inside it', async () => {
    const client = onOneConnection(createClient({ url: `file:${file}` }));
    const tx = await client.transaction('write');
    await tx.execute("INSERT INTO entry (writer) VALUES ('rolled back')");
    const outside = client.execute("INSERT INTO entry (writer) VALUES ('outside')");
    await new Promise((resolve) => setTimeout(resolve, 20));
    await tx.rollback();
    await outside;
    const rows = await client.execute('SELECT writer FROM entry ORDER BY id');
    expect(rows.rows.map((r) => r.writer)).toEqual(['outside']);
    client.close();
  });

  it('rolls back a transaction closed without commit and frees the connection', async () => {
    const client = onOneConnection(createClient({ url: `file:${file}` }));
    const tx = await client.transaction('write');
    await tx.execute("INSERT INTO entry (writer) VALUES ('abandoned')");
    tx.close();
    expect(tx.closed).toBe(true);
    await expect(tx.execute('SELECT 1')).rejects.toThrow(/closed/);
    const next = await client.transaction('write');
    await next.execute("INSERT INTO entry (writer) VALUES ('next')");
    await next.commit();
    const rows = await client.execute('SELECT writer FROM entry ORDER BY id');
    expect(rows.rows.map((r) => r.writer)).toEqual(['next']);
    client.close();
  });

  it('frees the connection when a statement of the transaction fails', async () => {
    const client = onOneConnection(createClient({ url: `file:${file}` }));
    const tx = await client.transaction('write');
    await expect(tx.execute('INSERT INTO missing_table VALUES (1)')).rejects.toThrow();
    await tx.rollback();
    await client.execute("INSERT INTO entry (writer) VALUES ('after')");
    expect((await client.execute('SELECT count(*) AS n FROM entry')).rows[0]!.n).toBe(1);
    client.close();
  });
});
