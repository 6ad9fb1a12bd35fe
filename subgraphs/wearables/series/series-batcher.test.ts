import type { InStatement } from '@libsql/client';
import type { MappedPoint, MeasureType } from '../mappers/mapped-types';
import { parseOffsetDateTime } from '../mappers/time';
import { openTempStore, type TempStore } from '../testing/temp-store';
import { directConnectionOf } from '../../shared/store/sql-reader';
import { fetchSleepEpisodes } from '../sleep/sleep-query';
import type { StoredAccount } from '../store';
import { fetchBloodPressure } from './blood-pressure';
import { mergeBuckets, SeriesBatcher } from './series-batcher';
import { parseSeriesRange } from './series-range';

function point(type: MeasureType, iso: string, value: number): MappedPoint {
  const at = parseOffsetDateTime(iso)!;
  return {
    type,
    statistic: '',
    startMs: at.ms,
    startIso: at.iso,
    endMs: null,
    endIso: null,
    value,
    originalValue: value,
    originalUnit: 'x',
    sourceId: null,
  };
}

describe('mergeBuckets', () => {
  it("merges a patient's accounts per bucket and ignores other patients' accounts", () => {
    const rows = new Map([
      [1, [{ accountKey: 1, index: 0, min: 10, max: 20, sum: 30, count: 2 }]],
      [
        2,
        [
          { accountKey: 2, index: 0, min: 5, max: 15, sum: 20, count: 2 },
          { accountKey: 2, index: 3, min: 7, max: 7, sum: 7, count: 1 },
        ],
      ],
      [9, [{ accountKey: 9, index: 0, min: 0, max: 999, sum: 999, count: 2 }]],
    ]);
    expect(mergeBuckets([2, 1], rows)).toEqual([
      { index: 0, min: 5, max: 20, sum: 50, count: 4, mean: 12.5 },
      { index: 3, min: 7, max: 7, sum: 7, count: 1, mean: 7 },
    ]);
    expect(mergeBuckets([], rows)).toEqual([]);
  });
});

describe('SeriesBatcher (real database)', () => {
  let db: TempStore;
  const keys: number[] = [];
  let statements: string[];

  beforeAll(async () => {
    db = await openTempStore('series-batcher');
    for (const accountId of ['A', 'B', 'C']) {
      keys.push(
        (await db.store.deviceAccount.create({ data: { vendor: 'dexcom', accountId } })).key,
      );
    }
    const [a, b, c] = keys as [number, number, number];
    await db.writeRows([
      { accountKey: a, point: point('glucose', '2026-01-01T00:05:00+00:00', 100) },
      { accountKey: a, point: point('glucose', '2026-01-01T00:10:00+00:00', 200) },
      { accountKey: b, point: point('glucose', '2026-01-01T00:05:00+00:00', 50) },
      { accountKey: c, point: point('glucose', '2026-01-02T00:05:00+00:00', 300) },
      {
        accountKey: a,
        point: point('blood-pressure-systolic', '2026-01-01T08:00:00+00:00', 120),
      },
      {
        accountKey: a,
        point: point('blood-pressure-diastolic', '2026-01-01T08:00:00+00:00', 80),
      },
      {
        accountKey: c,
        point: point('blood-pressure-systolic', '2026-01-01T07:00:00+00:00', 140),
      },
      {
        accountKey: c,
        point: point('blood-pressure-diastolic', '2026-01-01T07:00:00+00:00', 90),
      },
      {
        accountKey: c,
        point: point('blood-pressure-systolic', '2026-01-01T09:00:00+00:00', 135),
      },
    ]);
    const night = (start: string, end: string, isMainSleep: boolean | null) => {
      const from = parseOffsetDateTime(start)!;
      const to = parseOffsetDateTime(end)!;
      return {
        startMs: from.ms,
        startIso: from.iso,
        endMs: to.ms,
        endIso: to.iso,
        minutesAsleep: 400,
        minutesAwake: 20,
        efficiency: 95,
        isMainSleep,
        stages: [{ level: 'deep', minutes: 90, count: 3 }],
        segments: [],
        sourceId: null,
      };
    };
    await db.writeRows(
      [],
      [
        // Began before the range: it overlaps, so it counts.
        {
          accountKey: a,
          episode: night('2025-12-31T23:00:00+00:00', '2026-01-01T06:00:00+00:00', true),
        },
        {
          accountKey: b,
          episode: night('2026-01-01T13:00:00+00:00', '2026-01-01T14:00:00+00:00', false),
        },
      ],
    );
    // Counts what the batcher sends the store: SQLite reads go straight to the store's
    // connection (shared/store/sql-reader.ts), PostgreSQL's through Prisma's raw channel.
    const original = db.store.$queryRawUnsafe.bind(db.store);
    db.store.$queryRawUnsafe = ((sql: string, ...values: unknown[]) => {
      statements.push(sql);
      return original(sql, ...values);
    }) as typeof db.store.$queryRawUnsafe;
    const connection = directConnectionOf(db.store);
    if (connection) {
      const execute = connection.execute.bind(connection);
      connection.execute = ((statement: InStatement) => {
        statements.push(typeof statement === 'string' ? statement : statement.sql);
        return execute(statement);
      }) as typeof connection.execute;
    }
  });

  beforeEach(() => {
    statements = [];
  });

  afterAll(() => db.close());

  const range = () =>
    parseSeriesRange('2026-01-01T00:00:00+00:00', '2026-01-03T00:00:00+00:00', '1d');

  it('answers three patients asking in the same tick with one statement per shape', async () => {
    const [a, b, c] = keys as [number, number, number];
    const batcher = new SeriesBatcher(db.store, db.dialect);
    const [ab, onlyB, onlyC, none] = await Promise.all([
      batcher.buckets([a, b], 'glucose', range()),
      batcher.buckets([b], 'glucose', range()),
      batcher.buckets([c], 'glucose', range()),
      batcher.buckets([], 'glucose', range()),
    ]);
    expect(statements).toHaveLength(1);
    expect(ab).toEqual([{ index: 0, min: 50, max: 200, sum: 350, count: 3, mean: 350 / 3 }]);
    expect(onlyB).toEqual([{ index: 0, min: 50, max: 50, sum: 50, count: 1, mean: 50 }]);
    expect(onlyC).toEqual([{ index: 1, min: 300, max: 300, sum: 300, count: 1, mean: 300 }]);
    expect(none).toEqual([]);

    const [metricsAb, metricsC] = await Promise.all([
      batcher.cgmAggregates([a, b], range()),
      batcher.cgmAggregates([c], range()),
    ]);
    const [totalA, totalC] = await Promise.all([
      batcher.total([a], 'glucose', range()),
      batcher.total([c], 'glucose', range()),
    ]);
    const [pointsAb, pointsC] = await Promise.all([
      batcher.points([a, b], 'glucose', '', range(), 10),
      batcher.points([c], 'glucose', '', range(), 10),
    ]);
    expect(statements).toHaveLength(4);
    expect(metricsAb).toMatchObject({ count: 3, sum: 350, below54: 1, inRange: 1, above180: 1 });
    expect(metricsC).toMatchObject({ count: 1, sum: 300, above250: 1 });
    expect([totalA, totalC]).toEqual([300, 300]);
    expect(pointsAb.map((p) => [p.accountKey, p.value])).toEqual([
      [a, 100],
      [b, 50],
      [a, 200],
    ]);
    expect(pointsC.map((p) => p.value)).toEqual([300]);
  });

  it('pairs blood pressure components and reads sleep, batched across patients', async () => {
    const [a, b, c] = keys as [number, number, number];
    const account = (key: number) =>
      ({ key, vendor: 'withings', accountId: String(key) }) as StoredAccount;
    const batcher = new SeriesBatcher(db.store, db.dialect);
    const noBucket = parseSeriesRange(
      '2026-01-01T00:00:00+00:00',
      '2026-01-03T00:00:00+00:00',
      null,
    );
    const [pressureA, pressureC, sleepA, sleepB] = await Promise.all([
      fetchBloodPressure(batcher, [account(a)], noBucket),
      fetchBloodPressure(batcher, [account(c)], noBucket),
      fetchSleepEpisodes(batcher, [account(a)], noBucket),
      fetchSleepEpisodes(batcher, [account(b)], noBucket),
    ]);
    // Systolic, diastolic and sleep: one statement each for both patients.
    expect(statements).toHaveLength(3);
    expect(pressureA.readings).toEqual([
      expect.objectContaining({ time: '2026-01-01T08:00:00+00:00', systolic: 120, diastolic: 80 }),
    ]);
    expect(pressureC.readings.map((r) => [r.systolic, r.diastolic])).toEqual([
      [140, 90],
      [135, null],
    ]);
    expect(sleepA).toEqual([
      expect.objectContaining({
        start: '2025-12-31T23:00:00+00:00',
        durationMinutes: 420,
        isMainSleep: true,
        stages: [{ level: 'deep', minutes: 90, count: 3 }],
      }),
    ]);
    expect(sleepB.map((e) => [e.start, e.isMainSleep])).toEqual([
      ['2026-01-01T13:00:00+00:00', false],
    ]);
  });

  it('keeps different arguments apart: another range is another statement', async () => {
    const [a] = keys as [number];
    const batcher = new SeriesBatcher(db.store, db.dialect);
    const later = parseSeriesRange('2026-01-02T00:00:00+00:00', '2026-01-03T00:00:00+00:00', '1d');
    const [whole, second] = await Promise.all([
      batcher.buckets([a], 'glucose', range()),
      batcher.buckets([a], 'glucose', later),
    ]);
    expect(statements).toHaveLength(2);
    expect(whole).toHaveLength(1);
    expect(second).toEqual([]);
  });
});
