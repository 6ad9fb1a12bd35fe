import type { MappedPoint, MeasureType } from '../mappers/mapped-types';
import { parseOffsetDateTime } from '../mappers/time';
import { openTempStore, type TempStore } from '../testing/temp-store';
import { fetchBuckets, fetchCgmAggregates, fetchPoints, fetchTotals } from './series-queries';
import { parseSeriesRange } from './series-range';

function point(type: MeasureType, iso: string, value: number, statistic = ''): MappedPoint {
  const at = parseOffsetDateTime(iso)!;
  return {
    type,
    statistic,
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

describe('series queries (real database, SQL aggregation)', () => {
  let db: TempStore;
  let accountKey: number;

  beforeAll(async () => {
    db = await openTempStore('series');
    accountKey = (
      await db.store.deviceAccount.create({ data: { vendor: 'fitbit', accountId: 'A1' } })
    ).key;
    const other = (
      await db.store.deviceAccount.create({ data: { vendor: 'fitbit', accountId: 'B2' } })
    ).key;
    await db.writeRows([
      ...[
        point('heart-rate', '2026-01-01T00:20:00-05:00', 99), // before `from`
        point('heart-rate', '2026-01-01T00:40:00-05:00', 10),
        point('heart-rate', '2026-01-01T00:50:00-05:00', 20),
        point('heart-rate', '2026-01-01T01:10:00-05:00', 30),
        point('heart-rate', '2026-01-01T03:05:00-05:00', 40),
        point('heart-rate', '2026-01-01T03:06:00-05:00', 1000, 'maximum'), // aggregate: excluded
        point('heart-rate', '2026-01-01T04:00:00-05:00', 50), // at `to`: excluded
        point('glucose', '2026-01-01T00:30:00-05:00', 50),
        point('glucose', '2026-01-01T00:35:00-05:00', 65),
        point('glucose', '2026-01-01T00:40:00-05:00', 100),
        point('glucose', '2026-01-01T00:45:00-05:00', 150),
        point('glucose', '2026-01-01T00:50:00-05:00', 200),
        point('glucose', '2026-01-01T00:55:00-05:00', 260),
        point('steps', '2026-01-01T00:30:00-05:00', 120),
        point('steps', '2026-01-01T02:30:00-05:00', 80),
      ].map((p) => ({ accountKey, point: p })),
      { accountKey: other, point: point('heart-rate', '2026-01-01T00:45:00-05:00', 500) },
    ]);
  });

  afterAll(() => db.close());

  it('buckets by hour from the wall clock of from, per account, computed by GROUP BY', async () => {
    const range = parseSeriesRange('2026-01-01T00:30:00-05:00', '2026-01-01T04:00:00-05:00', '1h');
    const buckets = await fetchBuckets(db.store, db.dialect, [accountKey], 'heart-rate', range);
    expect(buckets).toEqual([
      { accountKey, index: 0, min: 10, max: 20, sum: 30, count: 2 },
      { accountKey, index: 1, min: 30, max: 30, sum: 30, count: 1 },
      { accountKey, index: 3, min: 40, max: 40, sum: 40, count: 1 },
    ]);
    const both = await fetchBuckets(
      db.store,
      db.dialect,
      [accountKey, accountKey + 1],
      'heart-rate',
      range,
    );
    expect(both.filter((row) => row.index === 0)).toEqual([
      { accountKey, index: 0, min: 10, max: 20, sum: 30, count: 2 },
      { accountKey: accountKey + 1, index: 0, min: 500, max: 500, sum: 500, count: 1 },
    ]);
  });

  it('sums steps per day and over the range', async () => {
    const range = parseSeriesRange('2026-01-01T00:00:00-05:00', '2026-01-02T00:00:00-05:00', '1d');
    const buckets = await fetchBuckets(db.store, db.dialect, [accountKey], 'steps', range);
    expect(buckets).toEqual([{ accountKey, index: 0, min: 80, max: 120, sum: 200, count: 2 }]);
    const totals = await fetchTotals(
      db.store,
      db.dialect,
      [accountKey, accountKey + 1],
      'steps',
      range,
    );
    expect([...totals]).toEqual([[accountKey, 200]]);
  });

  it('returns at most the limit of points of each account, oldest first', async () => {
    const range = parseSeriesRange('2026-01-01T00:00:00-05:00', '2026-01-02T00:00:00-05:00', null);
    const points = await fetchPoints(
      db.store,
      db.dialect,
      [accountKey, accountKey + 1],
      'heart-rate',
      '',
      range,
      2,
    );
    // Two of the first account (its oldest) and the other's one, in time order.
    expect(points.map((p) => [p.accountKey, p.value])).toEqual([
      [accountKey, 99],
      [accountKey, 10],
      [accountKey + 1, 500],
    ]);
    expect(points[0]).toMatchObject({ startIso: '2026-01-01T00:20:00-05:00', originalUnit: 'x' });
    const aggregates = await fetchPoints(
      db.store,
      db.dialect,
      [accountKey],
      'heart-rate',
      'maximum',
      range,
      10,
    );
    expect(aggregates.map((p) => p.value)).toEqual([1000]);
  });

  it('aggregates glucose for the consensus metrics in one query', async () => {
    const range = parseSeriesRange('2026-01-01T00:30:00-05:00', '2026-01-01T01:00:00-05:00', null);
    const byAccount = await fetchCgmAggregates(db.store, db.dialect, [accountKey], range);
    expect(byAccount.get(accountKey)).toEqual({
      count: 6,
      sum: 825,
      sumOfSquares: 50 ** 2 + 65 ** 2 + 100 ** 2 + 150 ** 2 + 200 ** 2 + 260 ** 2,
      below54: 1,
      below70: 2,
      inRange: 2,
      above180: 2,
      above250: 1,
    });
    expect((await fetchCgmAggregates(db.store, db.dialect, [], range)).size).toBe(0);
  });
});
