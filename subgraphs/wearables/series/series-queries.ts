import type { MeasureType } from '../mappers/mapped-types';
import type { StoredPoint, WearablesStore } from '../store';
import { CGM_THRESHOLDS, type CgmAggregates } from './cgm-metrics';
import type { SeriesRange } from './series-range';
import { SqlParams, tableName, toNumber, type SqlDialect } from './sql-dialect';

export interface BucketRow {
  index: number;
  min: number;
  max: number;
  mean: number;
  sum: number;
  count: number;
}

/**
 * The WHERE clause every series query shares: the patient's accounts, one type,
 * single measurements only (aggregates have a statistic), start in [from, to).
 * Column order matches the primary key, so this is one index range per account.
 */
function seriesFilter(
  params: SqlParams,
  accountKeys: readonly number[],
  type: MeasureType,
  range: SeriesRange,
): string {
  return (
    `"accountKey" IN (${params.list(accountKeys)}) AND "type" = ${params.add(type)} ` +
    `AND "statistic" = '' AND "startMs" >= ${params.bigint(range.fromMs)} ` +
    `AND "startMs" < ${params.bigint(range.toMs)}`
  );
}

/**
 * Bucket statistics computed by the database: the bucket number is
 * (start - origin) / size in BIGINT arithmetic (integer division on both SQLite
 * and PostgreSQL, and never negative because start >= from >= origin), and
 * GROUP BY does the rest. Nothing per point crosses into Node.
 */
export async function fetchBuckets(
  store: WearablesStore,
  dialect: SqlDialect,
  accountKeys: readonly number[],
  type: MeasureType,
  range: SeriesRange,
): Promise<BucketRow[]> {
  if (accountKeys.length === 0 || range.bucketMs === null || range.originMs === null) return [];
  const params = new SqlParams(dialect);
  const bucket = `("startMs" - ${params.bigint(range.originMs)}) / ${params.bigint(range.bucketMs)}`;
  const sql =
    `SELECT ${bucket} AS "bucket", MIN("value") AS "min", MAX("value") AS "max", ` +
    `AVG("value") AS "mean", SUM("value") AS "sum", COUNT(*) AS "count" ` +
    `FROM ${tableName(dialect, 'WearablePoint')} WHERE ${seriesFilter(params, accountKeys, type, range)} ` +
    `GROUP BY "bucket" ORDER BY "bucket"`;
  const rows = await store.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...params.values);
  return rows.map((row) => ({
    index: toNumber(row.bucket),
    min: toNumber(row.min),
    max: toNumber(row.max),
    mean: toNumber(row.mean),
    sum: toNumber(row.sum),
    count: toNumber(row.count),
  }));
}

/** Sum of the values in range (steps counted), computed by the database. */
export async function fetchTotal(
  store: WearablesStore,
  dialect: SqlDialect,
  accountKeys: readonly number[],
  type: MeasureType,
  range: SeriesRange,
): Promise<number> {
  if (accountKeys.length === 0) return 0;
  const params = new SqlParams(dialect);
  const sql =
    `SELECT SUM("value") AS "total" FROM ${tableName(dialect, 'WearablePoint')} ` +
    `WHERE ${seriesFilter(params, accountKeys, type, range)}`;
  const [row] = await store.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...params.values);
  return row?.total == null ? 0 : toNumber(row.total);
}

/** Raw points in range, oldest first; at most `limit` rows (the caller asks for one more). */
export function fetchRawPoints(
  store: WearablesStore,
  accountKeys: readonly number[],
  type: MeasureType,
  range: SeriesRange,
  limit: number,
): Promise<StoredPoint[]> {
  if (accountKeys.length === 0) return Promise.resolve([]);
  return store.wearablePoint.findMany({
    where: {
      accountKey: { in: [...accountKeys] },
      type,
      statistic: '',
      startMs: { gte: BigInt(range.fromMs), lt: BigInt(range.toMs) },
    },
    orderBy: [{ startMs: 'asc' }, { accountKey: 'asc' }],
    take: limit,
  });
}

/** Aggregate rows (statistic set: daily resting heart rate, daily step totals) in range. */
export function fetchAggregates(
  store: WearablesStore,
  accountKeys: readonly number[],
  type: MeasureType,
  statistic: string,
  range: SeriesRange,
  limit: number,
): Promise<StoredPoint[]> {
  if (accountKeys.length === 0) return Promise.resolve([]);
  return store.wearablePoint.findMany({
    where: {
      accountKey: { in: [...accountKeys] },
      type,
      statistic,
      startMs: { gte: BigInt(range.fromMs), lt: BigInt(range.toMs) },
    },
    orderBy: [{ startMs: 'asc' }, { accountKey: 'asc' }],
    take: limit,
  });
}

/** The sums the CGM metrics rest on, in one aggregate query over the range. */
export async function fetchCgmAggregates(
  store: WearablesStore,
  dialect: SqlDialect,
  accountKeys: readonly number[],
  range: SeriesRange,
): Promise<CgmAggregates> {
  const empty: CgmAggregates = {
    count: 0,
    sum: 0,
    sumOfSquares: 0,
    below54: 0,
    below70: 0,
    inRange: 0,
    above180: 0,
    above250: 0,
  };
  if (accountKeys.length === 0) return empty;
  const params = new SqlParams(dialect);
  const countWhere = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
  const t = CGM_THRESHOLDS;
  const sql =
    `SELECT COUNT(*) AS "count", SUM("value") AS "sum", SUM("value" * "value") AS "sumOfSquares", ` +
    `${countWhere(`"value" < ${t.below54}`)} AS "below54", ` +
    `${countWhere(`"value" < ${t.below70}`)} AS "below70", ` +
    `${countWhere(`"value" >= ${t.below70} AND "value" < ${t.above180}`)} AS "inRange", ` +
    `${countWhere(`"value" >= ${t.above180}`)} AS "above180", ` +
    `${countWhere(`"value" >= ${t.above250}`)} AS "above250" ` +
    `FROM ${tableName(dialect, 'WearablePoint')} WHERE ${seriesFilter(params, accountKeys, 'glucose', range)}`;
  const [row] = await store.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...params.values);
  if (!row) return empty;
  const value = (key: keyof CgmAggregates) => (row[key] == null ? 0 : toNumber(row[key]));
  return {
    count: value('count'),
    sum: value('sum'),
    sumOfSquares: value('sumOfSquares'),
    below54: value('below54'),
    below70: value('below70'),
    inRange: value('inRange'),
    above180: value('above180'),
    above250: value('above250'),
  };
}
