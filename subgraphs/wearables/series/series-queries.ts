import type { MeasureType } from '../mappers/mapped-types';
import type { WearablesStore } from '../store';
import { CGM_THRESHOLDS, type CgmAggregates } from './cgm-metrics';
import type { SeriesRange } from './series-range';
import { SqlParams, tableName, toNumber, type SqlDialect } from './sql-dialect';
import { queryRows } from '../../shared/store/sql-reader';

/** One account's statistics for one bucket. */
export interface BucketRow {
  accountKey: number;
  index: number;
  min: number;
  max: number;
  sum: number;
  count: number;
}

/** A stored point as the series fields read it (raw readings and daily aggregates). */
export interface PointRow {
  accountKey: number;
  startMs: number;
  startIso: string;
  endIso: string | null;
  value: number;
  originalValue: number;
  originalUnit: string;
}

/**
 * The WHERE clause every series query shares: the accounts, one type, one
 * statistic ('' for single measurements; aggregates name theirs), start in
 * [from, to). Column order matches the primary key, so this is one index range
 * per account.
 */
function seriesFilter(
  params: SqlParams,
  accountKeys: readonly number[],
  type: MeasureType,
  statistic: string,
  range: SeriesRange,
): string {
  return (
    `"accountKey" IN (${params.list(accountKeys)}) AND "type" = ${params.add(type)} ` +
    `AND "statistic" = ${params.add(statistic)} AND "startMs" >= ${params.bigint(range.fromMs)} ` +
    `AND "startMs" < ${params.bigint(range.toMs)}`
  );
}

/**
 * Bucket statistics per account, computed by the database: the bucket number is
 * (start - origin) / size in BIGINT arithmetic (integer division on both SQLite
 * and PostgreSQL, and never negative because start >= from >= origin), and
 * GROUP BY does the rest. Nothing per point crosses into Node. Grouped by account
 * too, so that one statement answers a whole batch of patients
 * (series-batcher.ts merges each patient's accounts).
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
    `SELECT "accountKey", ${bucket} AS "bucket", MIN("value") AS "min", MAX("value") AS "max", ` +
    `SUM("value") AS "sum", COUNT(*) AS "count" ` +
    `FROM ${tableName(dialect, 'WearablePoint')} WHERE ${seriesFilter(params, accountKeys, type, '', range)} ` +
    `GROUP BY "accountKey", "bucket" ORDER BY "bucket", "accountKey"`;
  const rows = await queryRows(store, sql, params.values);
  return rows.map((row) => ({
    accountKey: toNumber(row.accountKey),
    index: toNumber(row.bucket),
    min: toNumber(row.min),
    max: toNumber(row.max),
    sum: toNumber(row.sum),
    count: toNumber(row.count),
  }));
}

/** Sum of the values in range per account (steps counted), computed by the database. */
export async function fetchTotals(
  store: WearablesStore,
  dialect: SqlDialect,
  accountKeys: readonly number[],
  type: MeasureType,
  range: SeriesRange,
): Promise<Map<number, number>> {
  if (accountKeys.length === 0) return new Map();
  const params = new SqlParams(dialect);
  const sql =
    `SELECT "accountKey", SUM("value") AS "total" FROM ${tableName(dialect, 'WearablePoint')} ` +
    `WHERE ${seriesFilter(params, accountKeys, type, '', range)} GROUP BY "accountKey"`;
  const rows = await queryRows(store, sql, params.values);
  return new Map(
    rows.map((row) => [toNumber(row.accountKey), row.total == null ? 0 : toNumber(row.total)]),
  );
}

/**
 * Points in range, oldest first, at most `limitPerAccount` of each account (a
 * window function, so one statement serves a batch of patients and no account
 * can crowd out another's). The caller asks for one more than it may return, to
 * tell "exactly the limit" from "more than the limit".
 */
export async function fetchPoints(
  store: WearablesStore,
  dialect: SqlDialect,
  accountKeys: readonly number[],
  type: MeasureType,
  statistic: string,
  range: SeriesRange,
  limitPerAccount: number,
): Promise<PointRow[]> {
  if (accountKeys.length === 0) return [];
  const params = new SqlParams(dialect);
  const columns = `"accountKey", "startMs", "startIso", "endIso", "value", "originalValue", "originalUnit"`;
  const sql =
    `SELECT ${columns} FROM (SELECT ${columns}, ` +
    `ROW_NUMBER() OVER (PARTITION BY "accountKey" ORDER BY "startMs") AS "rank" ` +
    `FROM ${tableName(dialect, 'WearablePoint')} WHERE ${seriesFilter(params, accountKeys, type, statistic, range)}) AS "ranked" ` +
    `WHERE "rank" <= ${params.bigint(limitPerAccount)} ORDER BY "startMs", "accountKey"`;
  const rows = await queryRows(store, sql, params.values);
  return rows.map((row) => ({
    accountKey: toNumber(row.accountKey),
    startMs: toNumber(row.startMs),
    startIso: String(row.startIso),
    endIso: row.endIso == null ? null : String(row.endIso),
    value: toNumber(row.value),
    originalValue: toNumber(row.originalValue),
    originalUnit: String(row.originalUnit),
  }));
}

export const EMPTY_CGM_AGGREGATES: Readonly<CgmAggregates> = {
  count: 0,
  sum: 0,
  sumOfSquares: 0,
  below54: 0,
  below70: 0,
  inRange: 0,
  above180: 0,
  above250: 0,
};

/** The sums the CGM metrics rest on, per account, in one aggregate query over the range. */
export async function fetchCgmAggregates(
  store: WearablesStore,
  dialect: SqlDialect,
  accountKeys: readonly number[],
  range: SeriesRange,
): Promise<Map<number, CgmAggregates>> {
  if (accountKeys.length === 0) return new Map();
  const params = new SqlParams(dialect);
  const countWhere = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
  const t = CGM_THRESHOLDS;
  const sql =
    `SELECT "accountKey", COUNT(*) AS "count", SUM("value") AS "sum", SUM("value" * "value") AS "sumOfSquares", ` +
    `${countWhere(`"value" < ${t.below54}`)} AS "below54", ` +
    `${countWhere(`"value" < ${t.below70}`)} AS "below70", ` +
    `${countWhere(`"value" >= ${t.below70} AND "value" < ${t.above180}`)} AS "inRange", ` +
    `${countWhere(`"value" >= ${t.above180}`)} AS "above180", ` +
    `${countWhere(`"value" >= ${t.above250}`)} AS "above250" ` +
    `FROM ${tableName(dialect, 'WearablePoint')} WHERE ${seriesFilter(params, accountKeys, 'glucose', '', range)} ` +
    `GROUP BY "accountKey"`;
  const rows = await queryRows(store, sql, params.values);
  const value = (row: Record<string, unknown>, key: keyof CgmAggregates) =>
    row[key] == null ? 0 : toNumber(row[key]);
  return new Map(
    rows.map((row) => [
      toNumber(row.accountKey),
      {
        count: value(row, 'count'),
        sum: value(row, 'sum'),
        sumOfSquares: value(row, 'sumOfSquares'),
        below54: value(row, 'below54'),
        below70: value(row, 'below70'),
        inRange: value(row, 'inRange'),
        above180: value(row, 'above180'),
        above250: value(row, 'above250'),
      },
    ]),
  );
}
