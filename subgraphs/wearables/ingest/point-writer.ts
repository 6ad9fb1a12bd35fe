import type { MappedPoint, MappedSleep } from '../mappers/mapped-types';
import { distinctFrom, SqlParams, type SqlDialect } from '../series/sql-dialect';
import type { WearablesTx } from '../store';

export interface WriteCounts {
  /** New rows, and rows whose value changed (a vendor correction). */
  written: number;
  /** Re-sent rows identical to what is stored. */
  duplicates: number;
}

const POINT_COLUMNS = [
  'accountKey',
  'type',
  'statistic',
  'startMs',
  'startIso',
  'endMs',
  'endIso',
  'value',
  'originalValue',
  'originalUnit',
  'sourceId',
] as const;

/**
 * Rows per INSERT: 11 parameters each stays far below SQLite's 32,766 and
 * PostgreSQL's 65,535 bind-parameter limits, and large enough that statement
 * overhead is small against the work per row.
 */
const POINT_BATCH = 1000;
const SLEEP_BATCH = 200;

export function pointKey(accountKey: number, point: MappedPoint): string {
  return `${accountKey}\u0000${point.type}\u0000${point.statistic}\u0000${point.startMs}`;
}

/**
 * Upserts points with multi-row INSERT ... ON CONFLICT on the primary key. A row
 * already stored is updated only when the reading changed (DO UPDATE ... WHERE),
 * so the affected-row count is exactly "new or corrected" and the rest of the
 * batch were duplicates. Within one payload the last copy of a key wins
 * (PostgreSQL refuses to touch one row twice in a statement).
 */
export async function writePoints(
  tx: WearablesTx,
  dialect: SqlDialect,
  rows: { accountKey: number; point: MappedPoint }[],
): Promise<WriteCounts> {
  const unique = new Map<string, { accountKey: number; point: MappedPoint }>();
  for (const row of rows) unique.set(pointKey(row.accountKey, row.point), row);
  const deduped = [...unique.values()];
  let written = 0;
  for (let offset = 0; offset < deduped.length; offset += POINT_BATCH) {
    const batch = deduped.slice(offset, offset + POINT_BATCH);
    const params = new SqlParams(dialect);
    const values = batch
      .map(({ accountKey, point }) => {
        const cells = [
          params.add(accountKey),
          params.add(point.type),
          params.add(point.statistic),
          params.bigint(point.startMs),
          params.add(point.startIso),
          point.endMs === null ? 'NULL' : params.bigint(point.endMs),
          params.add(point.endIso),
          params.add(point.value),
          params.add(point.originalValue),
          params.add(point.originalUnit),
          params.add(point.sourceId),
        ];
        return `(${cells.join(', ')})`;
      })
      .join(', ');
    const table = '"WearablePoint"';
    const changed = ['value', 'endMs', 'startIso', 'originalUnit']
      .map((column) => distinctFrom(dialect, `${table}."${column}"`, `excluded."${column}"`))
      .join(' OR ');
    const sql =
      `INSERT INTO ${table} (${POINT_COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES ${values} ` +
      `ON CONFLICT ("accountKey", "type", "statistic", "startMs") DO UPDATE SET ` +
      POINT_COLUMNS.slice(4)
        .map((column) => `"${column}" = excluded."${column}"`)
        .join(', ') +
      ` WHERE ${changed}`;
    written += await tx.$executeRawUnsafe(sql, ...params.values);
  }
  return { written, duplicates: rows.length - written };
}

/** Upserts sleep episodes on (account, start), the same way as points. */
export async function writeSleep(
  tx: WearablesTx,
  dialect: SqlDialect,
  rows: { accountKey: number; episode: MappedSleep }[],
): Promise<WriteCounts> {
  const unique = new Map<string, { accountKey: number; episode: MappedSleep }>();
  for (const row of rows) unique.set(`${row.accountKey}\u0000${row.episode.startMs}`, row);
  const deduped = [...unique.values()];
  let written = 0;
  const columns = [
    'accountKey',
    'startMs',
    'startIso',
    'endMs',
    'endIso',
    'minutesAsleep',
    'minutesAwake',
    'efficiency',
    'isMainSleep',
    'stagesJson',
    'segmentsJson',
    'sourceId',
  ];
  for (let offset = 0; offset < deduped.length; offset += SLEEP_BATCH) {
    const params = new SqlParams(dialect);
    const values = deduped
      .slice(offset, offset + SLEEP_BATCH)
      .map(({ accountKey, episode }) => {
        const cells = [
          params.add(accountKey),
          params.bigint(episode.startMs),
          params.add(episode.startIso),
          params.bigint(episode.endMs),
          params.add(episode.endIso),
          params.add(episode.minutesAsleep),
          params.add(episode.minutesAwake),
          params.add(episode.efficiency),
          params.add(episode.isMainSleep),
          params.add(JSON.stringify(episode.stages)),
          params.add(JSON.stringify(episode.segments)),
          params.add(episode.sourceId),
        ];
        return `(${cells.join(', ')})`;
      })
      .join(', ');
    const table = '"SleepEpisode"';
    const changed = ['endMs', 'minutesAsleep', 'stagesJson', 'segmentsJson', 'startIso']
      .map((column) => distinctFrom(dialect, `${table}."${column}"`, `excluded."${column}"`))
      .join(' OR ');
    const sql =
      `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${values} ` +
      `ON CONFLICT ("accountKey", "startMs") DO UPDATE SET ` +
      columns
        .slice(2)
        .map((column) => `"${column}" = excluded."${column}"`)
        .join(', ') +
      ` WHERE ${changed}`;
    written += await tx.$executeRawUnsafe(sql, ...params.values);
  }
  return { written, duplicates: rows.length - written };
}
