import { BadUserInputError } from '../../shared/errors';
import type { WearablesContext } from '../context';
import type { StoredAccount } from '../store';
import { VENDOR_ACCOUNT_SYSTEMS, type Vendor } from '../vendors';
import { cgmMetricsFrom, type CgmMetricsValue } from './cgm-metrics';
import { bucketBounds, MAX_RAW_POINTS } from './series-range';
import type {
  SeriesQuery,
  WearableBucket,
  WearableDailyValue,
  WearablePoint,
  WearableSource,
} from './series.type';

export function sourceOf(account: StoredAccount): WearableSource {
  return {
    vendor: account.vendor,
    accountId: account.accountId,
    system: VENDOR_ACCOUNT_SYSTEMS[account.vendor as Vendor] ?? 'unknown',
  };
}

/** The patient's account keys, each once (a patient's merged identities can repeat one). */
function keysOf(query: SeriesQuery): number[] {
  return [...new Set(query.accounts.map((account) => account.key))];
}

function vendorByKey(query: SeriesQuery): Map<number, string> {
  return new Map(query.accounts.map((account) => [account.key, account.vendor]));
}

/** Raw points, when the series has no bucket; more than MAX_RAW_POINTS is a clear error. */
export async function seriesPoints(
  context: WearablesContext,
  query: SeriesQuery,
): Promise<WearablePoint[]> {
  if (query.range.bucket !== null) return [];
  const rows = await context.series.points(
    keysOf(query),
    query.type,
    '',
    query.range,
    MAX_RAW_POINTS + 1,
  );
  if (rows.length > MAX_RAW_POINTS) {
    throw new BadUserInputError(
      `More than ${MAX_RAW_POINTS} ${query.type} points in the range: pass bucket (5m, 1h or 1d) or a shorter range`,
      { argument: 'bucket', limit: MAX_RAW_POINTS },
    );
  }
  const vendors = vendorByKey(query);
  return rows.map((row) => ({
    time: row.startIso,
    end: row.endIso,
    value: row.value,
    originalValue: row.originalValue,
    originalUnit: row.originalUnit,
    vendor: vendors.get(row.accountKey) ?? 'unknown',
  }));
}

export interface BucketValue extends WearableBucket {
  sum: number;
}

export async function seriesBuckets(
  context: WearablesContext,
  query: SeriesQuery,
): Promise<BucketValue[]> {
  if (query.range.bucket === null) return [];
  const rows = await context.series.buckets(keysOf(query), query.type, query.range);
  return rows.map((row) => ({
    ...bucketBounds(query.range, row.index),
    min: row.min,
    max: row.max,
    mean: Math.round(row.mean * 100) / 100,
    sum: row.sum,
    count: row.count,
  }));
}

/** Daily aggregates stored beside the series (resting heart rate, daily step totals). */
export async function seriesDaily(
  context: WearablesContext,
  query: SeriesQuery,
  statistic: string,
): Promise<WearableDailyValue[]> {
  const rows = (
    await context.series.points(keysOf(query), query.type, statistic, query.range, MAX_RAW_POINTS)
  ).slice(0, MAX_RAW_POINTS);
  const vendors = vendorByKey(query);
  return rows.map((row) => ({
    start: row.startIso,
    end: row.endIso,
    value: row.value,
    vendor: vendors.get(row.accountKey) ?? 'unknown',
  }));
}

export async function seriesCgmMetrics(
  context: WearablesContext,
  query: SeriesQuery,
): Promise<CgmMetricsValue & { unit: string }> {
  const aggregates = await context.series.cgmAggregates(keysOf(query), query.range);
  return { unit: 'mg/dL', ...cgmMetricsFrom(aggregates, query.range.toMs - query.range.fromMs) };
}

export function seriesTotal(context: WearablesContext, query: SeriesQuery): Promise<number> {
  return context.series.total(keysOf(query), query.type, query.range);
}
