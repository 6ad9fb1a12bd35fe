import path from 'node:path';
import { makeTempDir } from '../../../test/helpers/temp-dir';
import { openWearablesStore, type WearablesStore } from '../../wearables/store';
import { migrateDatabase } from './migrate';
import { queryRows, transactionSql, withDirectRawSql } from './sql-reader';

describe('queryRows on a SQLite store (real store)', () => {
  const temp = makeTempDir('sql-reader');
  let store: WearablesStore;

  beforeAll(async () => {
    const url = `file:${path.join(temp.dir, 'wearables.db')}`;
    await migrateDatabase('wearables', url);
    store = await openWearablesStore(url);
    const account = await store.deviceAccount.create({
      data: {
        vendor: 'fitbit',
        accountId: 'A1',
        nextLinkAtMs: 1_790_000_000_123n,
        enrolledAt: new Date('2026-11-25T10:00:00.123Z'),
      },
    });
    await store.sleepEpisode.create({
      data: {
        accountKey: account.key,
        startMs: 1_790_000_000_000n,
        startIso: '2026-11-24T23:00:00-05:00',
        endMs: 1_790_028_800_000n,
        endIso: '2026-11-25T07:00:00-05:00',
        minutesAsleep: 431.5,
        isMainSleep: true,
      },
    });
  });

  afterAll(async () => {
    await store.$disconnect();
    temp.cleanup();
  });

  it("shapes every column as Prisma's raw queries do (dates, booleans, big integers, nulls, reals)", async () => {
    for (const sql of [
      'SELECT * FROM "DeviceAccount"',
      'SELECT * FROM "SleepEpisode"',
      'SELECT "accountKey", COUNT(*) AS "n", SUM("minutesAsleep") AS "total" FROM "SleepEpisode" GROUP BY "accountKey"',
    ]) {
      const expected = await store.$queryRawUnsafe<Record<string, unknown>[]>(sql);
      const direct = await queryRows(store, sql, []);
      expect(direct).toEqual(expected);
    }
    const [account] = await queryRows<{ enrolledAt: Date; nextLinkAtMs: bigint }>(
      store,
      'SELECT * FROM "DeviceAccount" WHERE "accountId" = ?',
      ['A1'],
    );
    expect(account!.enrolledAt).toEqual(new Date('2026-11-25T10:00:00.123Z'));
    expect(account!.nextLinkAtMs).toBe(1_790_000_000_123n);
  });

  it("reads on the store's own connection, not through Prisma's raw channel", async () => {
    const viaPrisma = jest.spyOn(store, '$queryRawUnsafe');
    try {
      const rows = await queryRows<{ vendor: string }>(
        store,
        'SELECT "vendor" FROM "DeviceAccount"',
        [],
      );
      expect(rows).toEqual([{ vendor: 'fitbit' }]);
      expect(viaPrisma).not.toHaveBeenCalled();
      // A Date argument goes through Prisma, which formats it as its DateTime columns are stored.
      const enrolled = await queryRows<{ accountId: string }>(
        store,
        'SELECT "accountId" FROM "DeviceAccount" WHERE "enrolledAt" = ?',
        [new Date('2026-11-25T10:00:00.123Z')],
      );
      expect(enrolled).toEqual([{ accountId: 'A1' }]);
      expect(viaPrisma).toHaveBeenCalledTimes(1);
    } finally {
      viaPrisma.mockRestore();
    }
  });

  it('waits for a transaction on the connection instead of reading inside it', async () => {
    let inside!: () => void;
    const held = new Promise<void>((resolve) => (inside = resolve));
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const transaction = store.$transaction(async (tx) => {
      await tx.deviceAccount.create({ data: { vendor: 'dexcom', accountId: 'UNCOMMITTED' } });
      inside();
      await done;
      throw new Error('rolled back');
    });
    await held;
    const read = queryRows<{ accountId: string }>(
      store,
      'SELECT "accountId" FROM "DeviceAccount"',
      [],
    );
    release();
    await expect(transaction).rejects.toThrow('rolled back');
    // The read ran after the rollback: it never saw the uncommitted row.
    expect((await read).map((r) => r.accountId)).toEqual(['A1']);
  });

  it("runs an interactive transaction's raw SQL on that transaction, without Prisma's raw channel", async () => {
    const calls: string[] = [];
    const outcome = store.$transaction(async (tx) => {
      const raw = {
        $queryRawUnsafe: <T>(sql: string, ...values: unknown[]) => {
          calls.push('query');
          return tx.$queryRawUnsafe<T>(sql, ...values);
        },
        $executeRawUnsafe: (sql: string, ...values: unknown[]) => {
          calls.push('execute');
          return tx.$executeRawUnsafe(sql, ...values);
        },
      };
      const sql = transactionSql(store, raw);
      const changed = await sql.execute(
        'INSERT INTO "DeviceAccount" ("vendor", "accountId", "updatedAt") VALUES (?, ?, ?)',
        ['dexcom', 'IN-TX', new Date('2026-12-06T10:00:00.456Z')],
      );
      expect(changed).toBe(1);
      // The transaction's own statements see the row; they run in the same transaction.
      const seen = await tx.deviceAccount.findMany({ where: { accountId: 'IN-TX' } });
      expect(seen.map((a) => a.updatedAt)).toEqual([new Date('2026-12-06T10:00:00.456Z')]);
      expect(
        await sql.query('SELECT "accountId" FROM "DeviceAccount" WHERE "vendor" = ?', ['dexcom']),
      ).toEqual([{ accountId: 'IN-TX' }]);
      expect(calls).toEqual([]);
      // Dates are bound as Prisma stores them: a row it wrote is found by its DateTime.
      expect(
        await sql.query('SELECT "accountId" FROM "DeviceAccount" WHERE "enrolledAt" = ?', [
          new Date('2026-11-25T10:00:00.123Z'),
        ]),
      ).toEqual([{ accountId: 'A1' }]);
      expect(calls).toEqual([]);
      throw new Error('rolled back');
    });
    await expect(outcome).rejects.toThrow('rolled back');
    // Rolled back with the transaction: the direct insert was part of it.
    expect(await store.deviceAccount.count({ where: { accountId: 'IN-TX' } })).toBe(0);
  });

  it('gives code that passes the transaction around the direct path for its raw SQL only', async () => {
    await store
      .$transaction(async (tx) => {
        const viaPrisma = jest.spyOn(tx, '$executeRawUnsafe');
        const direct = withDirectRawSql(store, tx);
        await direct.$executeRawUnsafe(
          'INSERT INTO "DeviceAccount" ("vendor", "accountId", "updatedAt") VALUES (?, ?, ?)',
          'omh',
          'WRAPPED',
          new Date(),
        );
        expect(viaPrisma).not.toHaveBeenCalled();
        // The query builder is the transaction's own.
        expect(await direct.deviceAccount.count({ where: { accountId: 'WRAPPED' } })).toBe(1);
        throw new Error('undo');
      })
      .catch((error: Error) => expect(error.message).toBe('undo'));
    expect(await store.deviceAccount.count({ where: { accountId: 'WRAPPED' } })).toBe(0);
  });

  it("never runs the store's own raw SQL inside somebody else's open transaction", async () => {
    let inside!: () => void;
    const held = new Promise<void>((resolve) => (inside = resolve));
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const transaction = store.$transaction(async (tx) => {
      await tx.deviceAccount.create({
        data: { vendor: 'dexcom', accountId: 'OTHERS' },
      });
      inside();
      await done;
      throw new Error('rolled back');
    });
    await held;
    // Called with the store, not a transaction client: Prisma's channel, after the transaction.
    const read = transactionSql(store, store).query<{ accountId: string }>(
      'SELECT "accountId" FROM "DeviceAccount" ORDER BY "accountId"',
      [],
    );
    release();
    await expect(transaction).rejects.toThrow('rolled back');
    expect((await read).map((r) => r.accountId)).not.toContain('OTHERS');
  });

  it('never lets a transaction client kept past its callback write into a later transaction', async () => {
    let kept!: ReturnType<typeof transactionSql>;
    await store.$transaction(async (tx) => {
      kept = transactionSql(store, tx);
      await kept.query('SELECT 1 AS "one"', []);
    });
    let inside!: () => void;
    const held = new Promise<void>((resolve) => (inside = resolve));
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const later = store.$transaction(async (tx) => {
      await tx.deviceAccount.count();
      inside();
      await done;
    });
    await held;
    // Prisma's channel refuses the closed transaction; nothing lands in the later one.
    await expect(
      kept.execute(
        'INSERT INTO "DeviceAccount" ("vendor", "accountId", "updatedAt") VALUES (?, ?, ?)',
        ['omh', 'LEAKED', new Date()],
      ),
    ).rejects.toThrow();
    release();
    await later;
    expect(await store.deviceAccount.count({ where: { accountId: 'LEAKED' } })).toBe(0);
  });

  it('goes through Prisma when no transaction holds the connection', async () => {
    const viaPrisma = jest.spyOn(store, '$queryRawUnsafe');
    try {
      const rows = await transactionSql(store, store).query(
        'SELECT "vendor" FROM "DeviceAccount"',
        [],
      );
      expect(rows).toEqual([{ vendor: 'fitbit' }]);
      expect(viaPrisma).toHaveBeenCalledTimes(1);
    } finally {
      viaPrisma.mockRestore();
    }
  });
});
