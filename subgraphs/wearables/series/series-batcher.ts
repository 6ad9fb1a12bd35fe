import DataLoader from 'dataloader';
import type { MeasureType } from '../mappers/mapped-types';
import { fetchSleepRows, type SleepRow } from '../sleep/sleep-query';
import type { WearablesStore } from '../store';
import type { CgmAggregates } from './cgm-metrics';
import {
  EMPTY_CGM_AGGREGATES,
  fetchBuckets,
  fetchCgmAggregates,
  fetchPoints,
  fetchTotals,
  type BucketRow,
  type PointRow,
} from './series-queries';
import type { SeriesRange } from './series-range';
import type { SqlDialect } from './sql-dialect';

/** One patient's accounts: what a series field asks the batcher about. */
type AccountKeys = readonly number[];

/** A patient's buckets, each account's rows merged into one per bucket. */
export interface MergedBucket {
  index: number;
  min: number;
  max: number;
  mean: number;
  sum: number;
  count: number;
}

/**
 * Batches series reads across the patients of one request. The gateway asks for
 * a page of N patients in ONE `_entities` call, and every patient's
 * `heartRate(from, to, bucket)` resolves with the same arguments: the batcher
 * collects those calls (DataLoader, one tick) and answers them with one
 * statement over the union of the patients' accounts, grouped by account, then
 * hands each patient the merge of its own accounts. Calls with different
 * arguments (type, range, bucket, statistic) are different loaders, so each
 * distinct shape costs one statement whatever N is.
 *
 * One instance per request: DataLoader's cache must not outlive the consent
 * decisions of the request that filled it.
 */
export class SeriesBatcher {
  private readonly loaders = new Map<string, DataLoader<AccountKeys, unknown, string>>();

  constructor(
    private readonly store: WearablesStore,
    private readonly dialect: SqlDialect,
  ) {}

  buckets(accounts: AccountKeys, type: MeasureType, range: SeriesRange): Promise<MergedBucket[]> {
    return this.load(accounts, `buckets|${type}|${rangeKey(range)}`, async (keys) =>
      groupRows(await fetchBuckets(this.store, this.dialect, keys, type, range)),
    ).then((rowsByAccount) => mergeBuckets(accounts, rowsByAccount));
  }

  total(accounts: AccountKeys, type: MeasureType, range: SeriesRange): Promise<number> {
    return this.load(accounts, `total|${type}|${rangeKey(range)}`, (keys) =>
      fetchTotals(this.store, this.dialect, keys, type, range),
    ).then((totals) => accounts.reduce((sum, key) => sum + (totals.get(key) ?? 0), 0));
  }

  cgmAggregates(accounts: AccountKeys, range: SeriesRange): Promise<CgmAggregates> {
    return this.load(accounts, `cgm|${rangeKey(range)}`, (keys) =>
      fetchCgmAggregates(this.store, this.dialect, keys, range),
    ).then((byAccount) => sumAggregates(accounts.map((key) => byAccount.get(key))));
  }

  /**
   * Points of one statistic in range, oldest first, at most `limit` per account
   * (ask for one more than may be returned to detect "too many").
   */
  points(
    accounts: AccountKeys,
    type: MeasureType,
    statistic: string,
    range: SeriesRange,
    limit: number,
  ): Promise<PointRow[]> {
    return this.load(
      accounts,
      `points|${type}|${statistic}|${limit}|${rangeKey(range)}`,
      async (keys) =>
        groupRows(await fetchPoints(this.store, this.dialect, keys, type, statistic, range, limit)),
    ).then((byAccount) =>
      accounts
        .flatMap((key) => byAccount.get(key) ?? [])
        .sort((a, b) => a.startMs - b.startMs || a.accountKey - b.accountKey),
    );
  }

  /** Sleep episodes overlapping the range, oldest first, at most `limit` per account. */
  sleep(accounts: AccountKeys, range: SeriesRange, limit: number): Promise<SleepRow[]> {
    return this.load(accounts, `sleep|${limit}|${rangeKey(range)}`, async (keys) =>
      groupRows(await fetchSleepRows(this.store, this.dialect, keys, range, limit)),
    ).then((byAccount) =>
      accounts
        .flatMap((key) => byAccount.get(key) ?? [])
        .sort((a, b) => a.startMs - b.startMs || a.accountKey - b.accountKey),
    );
  }

  /**
   * Answers `accounts` from the loader of one query shape: every patient that
   * asks in the same tick joins one fetch over all their accounts; each gets
   * the whole result, keyed by account, and keeps its own.
   */
  private load<T>(
    accounts: AccountKeys,
    shape: string,
    fetch: (accountKeys: number[]) => Promise<T>,
  ): Promise<T> {
    let loader = this.loaders.get(shape) as DataLoader<AccountKeys, T, string> | undefined;
    if (!loader) {
      loader = new DataLoader<AccountKeys, T, string>(
        async (batch) => {
          const union = [...new Set(batch.flat())].sort((a, b) => a - b);
          const result = await fetch(union);
          return batch.map(() => result);
        },
        { cacheKeyFn: (keys) => [...keys].sort((a, b) => a - b).join(',') },
      );
      this.loaders.set(shape, loader as DataLoader<AccountKeys, unknown, string>);
    }
    return loader.load(accounts);
  }
}

function rangeKey(range: SeriesRange): string {
  return `${range.fromMs}|${range.toMs}|${range.bucketMs ?? ''}|${range.originMs ?? ''}`;
}

function groupRows<Row extends { accountKey: number }>(rows: Row[]): Map<number, Row[]> {
  const byAccount = new Map<number, Row[]>();
  for (const row of rows) {
    const list = byAccount.get(row.accountKey);
    if (list) list.push(row);
    else byAccount.set(row.accountKey, [row]);
  }
  return byAccount;
}

/** A patient's buckets: the rows of each of its accounts, merged per bucket number. */
export function mergeBuckets(
  accounts: AccountKeys,
  rowsByAccount: ReadonlyMap<number, readonly BucketRow[]>,
): MergedBucket[] {
  const byIndex = new Map<number, MergedBucket>();
  for (const key of new Set(accounts)) {
    for (const row of rowsByAccount.get(key) ?? []) {
      const merged = byIndex.get(row.index);
      if (!merged) {
        byIndex.set(row.index, { ...row, mean: 0 });
        continue;
      }
      merged.min = Math.min(merged.min, row.min);
      merged.max = Math.max(merged.max, row.max);
      merged.sum += row.sum;
      merged.count += row.count;
    }
  }
  return [...byIndex.values()]
    .sort((a, b) => a.index - b.index)
    .map(({ index, min, max, sum, count }) => ({
      index,
      min,
      max,
      sum,
      count,
      mean: count === 0 ? 0 : sum / count,
    }));
}

function sumAggregates(parts: (CgmAggregates | undefined)[]): CgmAggregates {
  const total: CgmAggregates = { ...EMPTY_CGM_AGGREGATES };
  for (const part of parts) {
    if (!part) continue;
    for (const key of Object.keys(total) as (keyof CgmAggregates)[]) total[key] += part[key];
  }
  return total;
}
