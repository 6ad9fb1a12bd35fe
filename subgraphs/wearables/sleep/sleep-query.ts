import type { SleepSegment as MappedSegment, SleepStageSummary } from '../mappers/mapped-types';
import { sourceOf } from '../series/series-fields';
import type { SeriesRange } from '../series/series-range';
import type { SeriesBatcher } from '../series/series-batcher';
import { SqlParams, tableName, toNumber, type SqlDialect } from '../series/sql-dialect';
import type { StoredAccount, WearablesStore } from '../store';
import type { SleepEpisode } from './sleep-episode.type';
import { queryRows } from '../../shared/store/sql-reader';

/** Most episodes one query returns: a nightly sleep plus naps over the longest range. */
export const MAX_SLEEP_EPISODES = 2_000;

function parseList<T>(json: string): T[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? (value as T[]) : [];
}

/** A stored sleep episode, as the batched query returns it. */
export interface SleepRow {
  accountKey: number;
  startMs: number;
  startIso: string;
  endMs: number;
  endIso: string;
  minutesAsleep: number | null;
  minutesAwake: number | null;
  efficiency: number | null;
  isMainSleep: boolean | null;
  stagesJson: string;
  segmentsJson: string;
}

const nullableNumber = (value: unknown) => (value == null ? null : toNumber(value));

/**
 * Episodes overlapping [from, to) of every account asked (a night that began
 * before `from` still counts), oldest first, at most `limitPerAccount` of each
 * account: one statement for a batch of patients (series-batcher.ts).
 */
export async function fetchSleepRows(
  store: WearablesStore,
  dialect: SqlDialect,
  accountKeys: readonly number[],
  range: SeriesRange,
  limitPerAccount: number,
): Promise<SleepRow[]> {
  if (accountKeys.length === 0) return [];
  const params = new SqlParams(dialect);
  const columns =
    '"accountKey", "startMs", "startIso", "endMs", "endIso", "minutesAsleep", "minutesAwake", ' +
    '"efficiency", "isMainSleep", "stagesJson", "segmentsJson"';
  const sql =
    `SELECT ${columns} FROM (SELECT ${columns}, ` +
    `ROW_NUMBER() OVER (PARTITION BY "accountKey" ORDER BY "startMs") AS "rank" ` +
    `FROM ${tableName(dialect, 'SleepEpisode')} WHERE "accountKey" IN (${params.list(accountKeys)}) ` +
    `AND "startMs" < ${params.bigint(range.toMs)} AND "endMs" > ${params.bigint(range.fromMs)}) AS "ranked" ` +
    `WHERE "rank" <= ${params.bigint(limitPerAccount)} ORDER BY "startMs", "accountKey"`;
  const rows = await queryRows(store, sql, params.values);
  return rows.map((row) => ({
    accountKey: toNumber(row.accountKey),
    startMs: toNumber(row.startMs),
    startIso: String(row.startIso),
    endMs: toNumber(row.endMs),
    endIso: String(row.endIso),
    minutesAsleep: nullableNumber(row.minutesAsleep),
    minutesAwake: nullableNumber(row.minutesAwake),
    efficiency: nullableNumber(row.efficiency),
    // SQLite answers 0/1, PostgreSQL a boolean.
    isMainSleep: row.isMainSleep == null ? null : Boolean(row.isMainSleep),
    stagesJson: String(row.stagesJson),
    segmentsJson: String(row.segmentsJson),
  }));
}

/** A patient's episodes overlapping [from, to), through the request's series batcher. */
export async function fetchSleepEpisodes(
  series: SeriesBatcher,
  accounts: StoredAccount[],
  range: SeriesRange,
): Promise<SleepEpisode[]> {
  if (accounts.length === 0) return [];
  const byKey = new Map(accounts.map((account) => [account.key, account]));
  const rows = (await series.sleep([...byKey.keys()], range, MAX_SLEEP_EPISODES)).slice(
    0,
    MAX_SLEEP_EPISODES,
  );
  return rows.map((row) => ({
    start: row.startIso,
    end: row.endIso,
    durationMinutes: (row.endMs - row.startMs) / 60_000,
    minutesAsleep: row.minutesAsleep,
    minutesAwake: row.minutesAwake,
    efficiency: row.efficiency,
    isMainSleep: row.isMainSleep,
    stages: parseList<SleepStageSummary>(row.stagesJson),
    segments: parseList<MappedSegment>(row.segmentsJson).map((segment) => ({
      ...segment,
      seconds: Math.round(segment.seconds),
    })),
    source: sourceOf(byKey.get(row.accountKey)!),
  }));
}
