import DataLoader from 'dataloader';
import type { FhirJson } from '../fhir/fhir-json';
import type { DatabaseProvider } from '../../shared/store/database-url';
import { RawSqlParams } from '../../shared/store/raw-sql-params';
import type { EhrFhirStore } from '../store';
import { queryRows } from '../../shared/store/sql-reader';

/** A token condition: `system` null matches any system. */
export interface TokenFilter {
  param: string;
  system: string | null;
  code: string;
}

/** What a Patient field asks for, whatever the patient. */
export interface RecordFilter {
  resourceType: string;
  status?: string | null;
  tokens?: TokenFilter[];
  /** UTC instants bounding the record's clinical time. */
  from?: string | null;
  to?: string | null;
  /** Interval records (Encounter.period): match when the interval overlaps [from, to]. */
  overlap?: boolean;
  first: number;
}

export interface RecordRequest {
  /** This EHR's Patient ids for one global patient (usually one). */
  patientIds: string[];
  filter: RecordFilter;
}

interface Row {
  key: string;
  patientId: string | null;
  dateStart: string | null;
  json: string;
}

/**
 * One SELECT for a filter and a batch of patients, cut to `first` rows per patient
 * in the database (ROW_NUMBER over each patient's records, newest first, records
 * without a date last, then by key as newestFirst orders them). Written as SQL, not
 * through Prisma's query builder: Prisma compiles every query anew (no plan cache),
 * which cost more CPU than the whole query, and it has no window functions, so
 * every record of the patient came back to be cut here.
 */
export function recordQuerySql(
  provider: DatabaseProvider,
  filter: RecordFilter,
  patientIds: readonly string[],
): { sql: string; values: (string | number | Date)[] } {
  const p = new RawSqlParams(provider);
  const where = [
    `r."resourceType" = ${p.add(filter.resourceType)}`,
    'r."deleted" = false',
    `r."patientId" IN (${patientIds.map((id) => p.add(id)).join(', ')})`,
  ];
  if (filter.status) where.push(`r."status" = ${p.add(filter.status)}`);
  // Placeholders are taken in the order they appear in the text (SQLite's `?` are positional).
  for (const t of filter.tokens ?? []) {
    let token = `t."resourceKey" = r."key" AND t."param" = ${p.add(t.param)} AND t."code" = ${p.add(t.code)}`;
    if (t.system !== null) token += ` AND t."system" = ${p.add(t.system)}`;
    where.push(`EXISTS (SELECT 1 FROM "FhirToken" t WHERE ${token})`);
  }
  if (filter.overlap) {
    if (filter.to) where.push(`r."dateStart" <= ${p.add(filter.to)}`);
    if (filter.from) {
      const end = p.add(filter.from);
      const start = p.add(filter.from);
      where.push(`(r."dateEnd" >= ${end} OR (r."dateEnd" IS NULL AND r."dateStart" >= ${start}))`);
    }
  } else {
    if (filter.from) where.push(`r."dateStart" >= ${p.add(filter.from)}`);
    if (filter.to) where.push(`r."dateStart" <= ${p.add(filter.to)}`);
  }
  // Byte order on both databases, as JavaScript compares the keys.
  const key = provider === 'sqlite' ? 'r."key"' : 'r."key" COLLATE "C"';
  const first = Math.max(0, Math.floor(filter.first));
  const sql =
    'SELECT "key", "patientId", "dateStart", "json" FROM (' +
    'SELECT r."key", r."patientId", r."dateStart", r."json", ROW_NUMBER() OVER (' +
    `PARTITION BY r."patientId" ORDER BY (r."dateStart" IS NULL), r."dateStart" DESC, ${key}) AS "rank" ` +
    `FROM "FhirResource" r WHERE ${where.join(' AND ')}) ranked WHERE "rank" <= ${first}`;
  return { sql, values: p.values };
}

function newestFirst(a: Row, b: Row): number {
  if (a.dateStart !== b.dateStart) {
    if (a.dateStart === null) return 1;
    if (b.dateStart === null) return -1;
    return a.dateStart < b.dateStart ? 1 : -1;
  }
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * Loads the records of many patients with one store query per distinct filter: every
 * Patient field of a request (N patients from one `_entities` call) is answered from
 * a single `patientId IN (...)` query (recordQuerySql), then split per patient,
 * newest first, and cut to `first` per patient.
 */
export function createRecordLoader(
  store: EhrFhirStore,
  provider: DatabaseProvider = 'sqlite',
): DataLoader<RecordRequest, FhirJson[], string> {
  return new DataLoader<RecordRequest, FhirJson[], string>(
    async (requests) => {
      const groups = new Map<string, RecordRequest[]>();
      for (const request of requests) {
        const key = JSON.stringify(request.filter);
        groups.set(key, [...(groups.get(key) ?? []), request]);
      }
      const results = new Map<RecordRequest, FhirJson[]>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const filter = group[0]!.filter;
          const patientIds = [...new Set(group.flatMap((r) => r.patientIds))];
          let rows: Row[] = [];
          if (patientIds.length > 0 && filter.first > 0) {
            const { sql, values } = recordQuerySql(provider, filter, patientIds);
            rows = await queryRows<Row>(store, sql, values);
          }
          const byPatient = new Map<string, Row[]>();
          for (const row of rows) {
            const list = byPatient.get(row.patientId ?? '') ?? [];
            list.push(row);
            byPatient.set(row.patientId ?? '', list);
          }
          for (const request of group) {
            const mine = request.patientIds.flatMap((id) => byPatient.get(id) ?? []);
            results.set(
              request,
              mine
                .sort(newestFirst)
                .slice(0, filter.first)
                .map((row) => JSON.parse(row.json) as FhirJson),
            );
          }
        }),
      );
      return requests.map((r) => results.get(r) ?? []);
    },
    { cacheKeyFn: (request) => JSON.stringify([request.patientIds, request.filter]) },
  );
}
