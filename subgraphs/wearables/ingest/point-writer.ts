import type { MappedPoint, MappedSleep } from '../mappers/mapped-types';
import type { BatchStatement, BatchWriter } from '../../shared/store/batch-writer';
import { insertStatements, quote } from '../../shared/store/sql-insert';

export interface WriteCounts {
  /** New rows, and rows whose value changed (a vendor correction). */
  written: number;
  /** Re-sent rows identical to what is stored. */
  duplicates: number;
}

type Provider = BatchWriter['provider'];

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

const SLEEP_COLUMNS = [
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
] as const;

/** Text as both databases store it: PostgreSQL refuses NUL in text, so it is dropped on both. */
function text<T extends string | null>(value: T): T {
  return (value !== null && value.includes('\u0000') ? value.replaceAll('\u0000', '') : value) as T;
}

/** A number as stored: NaN and infinities would be NULL in SQLite and 'NaN' in PostgreSQL. */
function finite<T extends number | null>(value: T): T {
  if (value !== null && !Number.isFinite(value)) throw new Error('not a finite number');
  return value;
}

export function pointKey(accountKey: number, point: MappedPoint): string {
  return `${accountKey}\u0000${point.type}\u0000${point.statistic}\u0000${point.startMs}`;
}

/** `a IS DISTINCT FROM b`, null-safe on both databases (SQLite spells it `IS NOT`). */
function distinct(provider: Provider, table: string, column: string): string {
  const stored = `${quote(table)}.${quote(column)}`;
  const incoming = `excluded.${quote(column)}`;
  return provider === 'sqlite'
    ? `${stored} IS NOT ${incoming}`
    : `${stored} IS DISTINCT FROM ${incoming}`;
}

/**
 * `ON CONFLICT (key) DO UPDATE SET <the other columns> WHERE <any of these changed>`:
 * a row already stored is rewritten only when the reading changed, so the count
 * of changed rows is exactly "new or corrected" and the rest were duplicates. (In
 * the WHERE the stored row is named by its table name, unqualified.)
 */
function upsertClause(
  provider: Provider,
  table: string,
  key: readonly string[],
  update: readonly string[],
  changedWhen: readonly string[],
): string {
  return (
    `ON CONFLICT (${key.map(quote).join(', ')}) DO UPDATE SET ` +
    update.map((column) => `${quote(column)} = excluded.${quote(column)}`).join(', ') +
    ` WHERE ${changedWhen.map((column) => distinct(provider, table, column)).join(' OR ')}`
  );
}

/** The ON CONFLICT clauses, per database: built once, used for every statement. */
function upsertsFor(provider: Provider) {
  return {
    points: upsertClause(
      provider,
      'WearablePoint',
      POINT_COLUMNS.slice(0, 4),
      POINT_COLUMNS.slice(4),
      ['value', 'endMs', 'startIso', 'originalUnit'],
    ),
    sleep: upsertClause(
      provider,
      'SleepEpisode',
      SLEEP_COLUMNS.slice(0, 2),
      SLEEP_COLUMNS.slice(2),
      ['endMs', 'minutesAsleep', 'stagesJson', 'segmentsJson', 'startIso'],
    ),
  };
}
const upserts = { sqlite: upsertsFor('sqlite'), postgresql: upsertsFor('postgresql') };

/**
 * The upserts of points on their primary key, values bound, in statements of a
 * few fixed shapes (shared/store/sql-insert.ts) the writer keeps prepared. Within
 * one payload the last copy of a key wins (PostgreSQL refuses to touch one row
 * twice in a statement). Throws on a number neither database can store.
 */
export function pointStatements(
  provider: Provider,
  rows: { accountKey: number; point: MappedPoint }[],
): BatchStatement[] {
  const unique = new Map<string, (string | number | null)[]>();
  for (const { accountKey, point } of rows) {
    unique.set(pointKey(accountKey, point), [
      accountKey,
      point.type,
      point.statistic,
      finite(point.startMs),
      point.startIso,
      finite(point.endMs),
      point.endIso,
      finite(point.value),
      finite(point.originalValue),
      text(point.originalUnit),
      text(point.sourceId),
    ]);
  }
  return insertStatements('WearablePoint', POINT_COLUMNS, [...unique.values()], {
    onConflict: upserts[provider].points,
  }) as BatchStatement[];
}

/** The upserts of sleep episodes on (account, start), the same way as points. */
export function sleepStatements(
  provider: Provider,
  rows: { accountKey: number; episode: MappedSleep }[],
): BatchStatement[] {
  const unique = new Map<string, (string | number | boolean | null)[]>();
  for (const { accountKey, episode } of rows) {
    unique.set(`${accountKey}\u0000${episode.startMs}`, [
      accountKey,
      finite(episode.startMs),
      episode.startIso,
      finite(episode.endMs),
      episode.endIso,
      finite(episode.minutesAsleep),
      finite(episode.minutesAwake),
      finite(episode.efficiency),
      // Prisma keeps Boolean as 0/1 in SQLite.
      provider === 'sqlite' && episode.isMainSleep !== null
        ? Number(episode.isMainSleep)
        : episode.isMainSleep,
      JSON.stringify(episode.stages),
      JSON.stringify(episode.segments),
      text(episode.sourceId),
    ]);
  }
  return insertStatements('SleepEpisode', SLEEP_COLUMNS, [...unique.values()], {
    onConflict: upserts[provider].sleep,
  }) as BatchStatement[];
}
