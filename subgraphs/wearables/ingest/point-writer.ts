import type { MappedPoint, MappedSleep } from '../mappers/mapped-types';
import { distinctFrom, sqlLiteral, tableName, type SqlDialect } from '../series/sql-dialect';
import type { BulkTransaction } from './bulk-writer';

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
 * Rows per INSERT: values are written into the statement as literals (see
 * sqlLiteral for why and how), so a batch is bounded by statement size only; a
 * thousand rows is about 150 kB of SQL and keeps per-statement overhead small.
 */
const POINT_BATCH = 1000;
const SLEEP_BATCH = 200;
const INTEGER = { integer: true };

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
  tx: BulkTransaction,
  dialect: SqlDialect,
  rows: { accountKey: number; point: MappedPoint }[],
): Promise<WriteCounts> {
  const unique = new Map<string, { accountKey: number; point: MappedPoint }>();
  for (const row of rows) unique.set(pointKey(row.accountKey, row.point), row);
  const deduped = [...unique.values()];
  let written = 0;
  for (let offset = 0; offset < deduped.length; offset += POINT_BATCH) {
    const batch = deduped.slice(offset, offset + POINT_BATCH);
    const literal = (value: string | number | boolean | null, options?: { integer?: boolean }) =>
      sqlLiteral(dialect, value, options);
    const values = batch
      .map(({ accountKey, point }) => {
        const cells = [
          literal(accountKey, INTEGER),
          literal(point.type),
          literal(point.statistic),
          literal(point.startMs, INTEGER),
          literal(point.startIso),
          literal(point.endMs, INTEGER),
          literal(point.endIso),
          literal(point.value),
          literal(point.originalValue),
          literal(point.originalUnit),
          literal(point.sourceId),
        ];
        return `(${cells.join(', ')})`;
      })
      .join(', ');
    const table = tableName(dialect, 'WearablePoint');
    // In ON CONFLICT ... WHERE the stored row is named by its table name, unqualified.
    const changed = ['value', 'endMs', 'startIso', 'originalUnit']
      .map((column) => distinctFrom(dialect, `"WearablePoint"."${column}"`, `excluded."${column}"`))
      .join(' OR ');
    const sql =
      `INSERT INTO ${table} (${POINT_COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES ${values} ` +
      `ON CONFLICT ("accountKey", "type", "statistic", "startMs") DO UPDATE SET ` +
      POINT_COLUMNS.slice(4)
        .map((column) => `"${column}" = excluded."${column}"`)
        .join(', ') +
      ` WHERE ${changed}`;
    written += await tx.execute(sql);
  }
  return { written, duplicates: rows.length - written };
}

/** Upserts sleep episodes on (account, start), the same way as points. */
export async function writeSleep(
  tx: BulkTransaction,
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
    const literal = (value: string | number | boolean | null, options?: { integer?: boolean }) =>
      sqlLiteral(dialect, value, options);
    const values = deduped
      .slice(offset, offset + SLEEP_BATCH)
      .map(({ accountKey, episode }) => {
        const cells = [
          literal(accountKey, INTEGER),
          literal(episode.startMs, INTEGER),
          literal(episode.startIso),
          literal(episode.endMs, INTEGER),
          literal(episode.endIso),
          literal(episode.minutesAsleep),
          literal(episode.minutesAwake),
          literal(episode.efficiency),
          literal(episode.isMainSleep),
          literal(JSON.stringify(episode.stages)),
          literal(JSON.stringify(episode.segments)),
          literal(episode.sourceId),
        ];
        return `(${cells.join(', ')})`;
      })
      .join(', ');
    const table = tableName(dialect, 'SleepEpisode');
    const changed = ['endMs', 'minutesAsleep', 'stagesJson', 'segmentsJson', 'startIso']
      .map((column) => distinctFrom(dialect, `"SleepEpisode"."${column}"`, `excluded."${column}"`))
      .join(' OR ');
    const sql =
      `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${values} ` +
      `ON CONFLICT ("accountKey", "startMs") DO UPDATE SET ` +
      columns
        .slice(2)
        .map((column) => `"${column}" = excluded."${column}"`)
        .join(', ') +
      ` WHERE ${changed}`;
    written += await tx.execute(sql);
  }
  return { written, duplicates: rows.length - written };
}
