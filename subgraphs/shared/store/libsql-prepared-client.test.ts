import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LibsqlError } from '@libsql/client';
import { createPreparedClient } from './libsql-prepared-client';

describe('createPreparedClient', () => {
  let dir: string;
  let url: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patientgraph-prepared-'));
    url = `file:${path.join(dir, 'db.sqlite')}`;
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('answers rows by index with columns, declared types and affected counts', async () => {
    const client = createPreparedClient(url);
    await client.executeMultiple(
      'CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER, at DATETIME, ok BOOLEAN, blob BLOB)',
    );
    const insert = 'INSERT INTO t (id, n, at, ok, blob) VALUES (?, ?, ?, ?, ?)';
    await client.execute({
      sql: insert,
      args: ['a', 1, '2026-01-01T00:00:00.000+00:00', true, null],
    });
    const second = await client.execute({ sql: insert, args: ['b', 2, null, false, null] });
    expect(second.rowsAffected).toBe(1);
    for (let i = 0; i < 3; i++) {
      // The same text again: the kept statement answers every time.
      const result = await client.execute({
        sql: 'SELECT id, n, at, ok FROM t ORDER BY id',
        args: [],
      });
      expect(result.columns).toEqual(['id', 'n', 'at', 'ok']);
      expect(result.columnTypes).toEqual(['TEXT', 'INTEGER', 'DATETIME', 'BOOLEAN']);
      expect(result.rows.map((row) => [row[0], row[1], row[2], row[3]])).toEqual([
        ['a', 1, '2026-01-01T00:00:00.000+00:00', 1],
        ['b', 2, null, 0],
      ]);
    }
    const updated = await client.execute({ sql: 'UPDATE t SET n = n + 1', args: [] });
    expect(updated.rowsAffected).toBe(2);
    client.close();
  });

  it('reports a unique violation as the LibsqlError the Prisma adapter maps to P2002', async () => {
    const client = createPreparedClient(url);
    await client.executeMultiple('CREATE TABLE t (id TEXT PRIMARY KEY)');
    await client.execute({ sql: 'INSERT INTO t (id) VALUES (?)', args: ['x'] });
    const error = await client.execute({ sql: 'INSERT INTO t (id) VALUES (?)', args: ['x'] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LibsqlError);
    expect((error as LibsqlError).code).toMatch(/^SQLITE_CONSTRAINT/);
    client.close();
  });

  it('refuses what it cannot represent instead of corrupting it', async () => {
    const client = createPreparedClient(url);
    await client.executeMultiple('CREATE TABLE t (n INTEGER)');
    await expect(
      client.execute({ sql: 'INSERT INTO t VALUES (?)', args: [Number.NaN] }),
    ).rejects.toThrow(/finite/);
    await client.execute({ sql: 'INSERT INTO t VALUES (?)', args: [2n ** 60n] });
    await expect(client.execute({ sql: 'SELECT n FROM t', args: [] })).rejects.toThrow(/safely/);
    client.close();
  });

  it('writes a batch atomically: a failing statement undoes the ones before it', async () => {
    const client = createPreparedClient(url);
    await client.executeMultiple('CREATE TABLE t (id TEXT PRIMARY KEY)');
    await expect(
      client.batch(
        [
          { sql: 'INSERT INTO t (id) VALUES (?)', args: ['a'] },
          { sql: 'INSERT INTO t (id) VALUES (?)', args: ['a'] },
        ],
        'write',
      ),
    ).rejects.toBeInstanceOf(LibsqlError);
    expect((await client.execute({ sql: 'SELECT count(*) FROM t', args: [] })).rows[0]![0]).toBe(0);
    client.close();
  });
});
