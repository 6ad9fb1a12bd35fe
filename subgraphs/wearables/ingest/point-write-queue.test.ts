import type { BatchWriter } from '../../shared/store/batch-writer';
import type { MappedPoint } from '../mappers/mapped-types';
import { openTempStore, type TempStore } from '../testing/temp-store';
import { PointWriteQueue, type PayloadRows } from './point-write-queue';

function payload(accountKey: number, values: number[], startMs: number): PayloadRows {
  const points: MappedPoint[] = values.map((value, i) => ({
    type: 'glucose',
    statistic: '',
    startMs: startMs + i * 300_000,
    startIso: new Date(startMs + i * 300_000).toISOString(),
    endMs: null,
    endIso: null,
    value,
    originalValue: value,
    originalUnit: 'mg/dL',
    sourceId: null,
  }));
  return { accounts: [{ accountKey, points, sleep: [] }] };
}

/** Counts the batches (transactions) the queue hands the store's writer. */
function countingWriter(writer: BatchWriter, batches: number[]): BatchWriter {
  return {
    provider: writer.provider,
    write(units) {
      batches.push(units.length);
      return writer.write(units);
    },
    close: () => writer.close(),
  };
}

describe('PointWriteQueue (real store)', () => {
  let db: TempStore;
  let accountKey: number;
  beforeAll(async () => {
    db = await openTempStore('queue');
    accountKey = (
      await db.store.deviceAccount.create({ data: { vendor: 'dexcom', accountId: 'Q1' } })
    ).key;
  });
  afterAll(() => db.close());

  it('commits the payloads that arrive during a commit together, each with its own counts', async () => {
    const batches: number[] = [];
    const writer = countingWriter(db.batchWriter, batches);
    const queue = new PointWriteQueue(writer);
    const day = Date.UTC(2026, 0, 1);
    const answers = await Promise.all(
      [0, 1, 2, 3, 4].map((n) =>
        queue.write(payload(accountKey, [100 + n, 101 + n], day + n * 86_400_000)),
      ),
    );
    // The first payload starts a commit at once; the four that arrive meanwhile share the next.
    expect(batches).toEqual([1, 4]);
    expect(answers.map((a) => a.points)).toEqual(
      Array.from({ length: 5 }, () => ({ written: 2, duplicates: 0 })),
    );
    const again = await queue.write(payload(accountKey, [100, 101], day));
    expect(again.points).toEqual({ written: 0, duplicates: 2 });
  });

  it('fails a payload the database refuses alone; the others in its commit are stored', async () => {
    if (db.dialect.provider === 'sqlite') {
      await db.store.$executeRawUnsafe(
        `CREATE TRIGGER refuse_666 BEFORE INSERT ON "WearablePoint" WHEN NEW."value" = 666 BEGIN SELECT RAISE(ABORT, 'boom'); END`,
      );
    } else {
      const fn = `"${db.dialect.schema}".refuse_666`;
      await db.store.$executeRawUnsafe(
        `CREATE FUNCTION ${fn}() RETURNS trigger AS $$ BEGIN IF NEW."value" = 666 THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
      );
      await db.store.$executeRawUnsafe(
        `CREATE TRIGGER refuse_666 BEFORE INSERT ON "${db.dialect.schema}"."WearablePoint" FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
      );
    }
    const batches: number[] = [];
    const queue = new PointWriteQueue(countingWriter(db.batchWriter, batches));
    const day = Date.UTC(2026, 5, 1);
    const results = await Promise.allSettled([
      queue.write(payload(accountKey, [90], day)),
      queue.write(payload(accountKey, [91, 92], day + 86_400_000)),
      queue.write(payload(accountKey, [93, 666], day + 2 * 86_400_000)),
      queue.write(payload(accountKey, [94], day + 3 * 86_400_000)),
    ]);
    expect(batches).toEqual([1, 3]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(
      /payload not stored: .*boom/,
    );
    const stored = await db.store.wearablePoint.findMany({
      where: { startMs: { gte: day } },
      orderBy: { startMs: 'asc' },
    });
    expect(stored.map((r) => r.value)).toEqual([90, 91, 92, 94]);
  });
});
