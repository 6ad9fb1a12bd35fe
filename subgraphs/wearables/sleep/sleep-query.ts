import type { SleepSegment as MappedSegment, SleepStageSummary } from '../mappers/mapped-types';
import { sourceOf } from '../series/series-fields';
import type { SeriesRange } from '../series/series-range';
import type { StoredAccount, WearablesStore } from '../store';
import type { SleepEpisode } from './sleep-episode.type';

/** Most episodes one query returns: a nightly sleep plus naps over the longest range. */
export const MAX_SLEEP_EPISODES = 2_000;

function parseList<T>(json: string): T[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? (value as T[]) : [];
}

/** Episodes overlapping [from, to): a night that began before `from` still counts. */
export async function fetchSleepEpisodes(
  store: WearablesStore,
  accounts: StoredAccount[],
  range: SeriesRange,
): Promise<SleepEpisode[]> {
  if (accounts.length === 0) return [];
  const byKey = new Map(accounts.map((account) => [account.key, account]));
  const rows = await store.sleepEpisode.findMany({
    where: {
      accountKey: { in: [...byKey.keys()] },
      startMs: { lt: BigInt(range.toMs) },
      endMs: { gt: BigInt(range.fromMs) },
    },
    orderBy: [{ startMs: 'asc' }, { accountKey: 'asc' }],
    take: MAX_SLEEP_EPISODES,
  });
  return rows.map((row) => ({
    start: row.startIso,
    end: row.endIso,
    durationMinutes: Number(row.endMs - row.startMs) / 60_000,
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
