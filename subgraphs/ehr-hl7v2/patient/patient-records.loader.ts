import DataLoader from 'dataloader';
import type { Encounter } from '../../shared/fhir/encounter.type';
import type { Observation } from '../../shared/fhir/observation.type';
import type { VendorPatientRepresentation } from '../../shared/patient/vendor-patient';
import { storedResultToObservation } from '../mappers/stored-result-to-observation';
import { storedVisitToEncounter } from '../mappers/stored-visit-to-encounter';
import type { DatabaseProvider } from '../../shared/store/database-url';
import { RawSqlParams } from '../../shared/store/raw-sql-params';
import type { Hl7Store, StoredResult as Hl7Result, StoredVisit as Hl7Visit } from '../store';
import { parseCodeFilter, parseWindow, type LabResultArgs, type VisitArgs } from './record-filters';
import { queryRows } from '../../shared/store/sql-reader';

export interface RecordsKey<A> {
  patient: VendorPatientRepresentation;
  args: A;
}

const pairKey = (system: string, value: string) => `${system}\u0000${value}`;

// The reads below are SQL through Prisma's raw channel: see RawSqlParams for why.
/**
 * `SELECT * FROM table WHERE ...`, cut to `first` rows per patient in the
 * database (ROW_NUMBER in the given order), answered in that order.
 */
function newestPerPatient(table: string, where: string[], order: string, first: number): string {
  return (
    `SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY "patientId" ORDER BY ${order}) AS "rowRank" ` +
    `FROM "${table}" WHERE ${where.join(' AND ')}) ranked WHERE "rowRank" <= ${Math.max(0, Math.floor(first))} ` +
    `ORDER BY ${order}`
  );
}

function withoutRank<Row>(rows: (Row & { rowRank?: unknown })[]): Row[] {
  return rows.map(({ rowRank: _rank, ...row }) => row as Row);
}

/**
 * Local patients by link key (system + value): the feed's patients whose key is
 * one of the global patient's identifiers. Merged-away patients resolve to the
 * patient they were merged into. One query per batch.
 */
export function createLocalPatientLoader(
  store: Hl7Store,
  provider: DatabaseProvider = 'sqlite',
): DataLoader<string, string[]> {
  return new DataLoader(async (keys: readonly string[]) => {
    const p = new RawSqlParams(provider);
    const pairs = keys.map((key) => {
      const [keySystem, keyValue] = key.split('\u0000') as [string, string];
      return `("keySystem" = ${p.add(keySystem)} AND "keyValue" = ${p.add(keyValue)})`;
    });
    const rows = await queryRows<{
      id: string;
      keySystem: string;
      keyValue: string;
      mergedIntoId: string | null;
    }>(
      store,
      `SELECT "id", "keySystem", "keyValue", "mergedIntoId" FROM "Hl7Patient" WHERE ${pairs.join(' OR ')}`,
      p.values,
    );
    const byKey = new Map<string, string[]>();
    for (const row of rows) {
      const key = pairKey(row.keySystem, row.keyValue);
      byKey.set(key, [...(byKey.get(key) ?? []), row.mergedIntoId ?? row.id]);
    }
    return keys.map((key) => byKey.get(key) ?? []);
  });
}

async function localIdsOfPatient(
  loader: DataLoader<string, string[]>,
  patient: VendorPatientRepresentation,
): Promise<string[]> {
  const keys = (patient.linkKeys ?? patient.identifiers ?? [])
    .filter((i) => i?.system && i?.value)
    .map((i) => pairKey(i.system, i.value));
  const found = await loader.loadMany(keys);
  const ids = new Set<string>();
  for (const entry of found) if (Array.isArray(entry)) entry.forEach((id) => ids.add(id));
  return [...ids];
}

/**
 * Runs one store query per distinct argument set for a whole batch of patients,
 * then hands each patient its own rows (newest first, `first` of them).
 */
function batchByArgs<A, Row extends { patientId: string }, Out>(
  localPatients: DataLoader<string, string[]>,
  query: (patientIds: string[], args: A) => Promise<Row[]>,
  map: (row: Row) => Out,
  first: (args: A) => number,
) {
  return async (keys: readonly RecordsKey<A>[]): Promise<Out[][]> => {
    const localIds = await Promise.all(
      keys.map((k) => localIdsOfPatient(localPatients, k.patient)),
    );
    const groups = new Map<string, number[]>();
    keys.forEach((key, index) => {
      const group = JSON.stringify(key.args);
      groups.set(group, [...(groups.get(group) ?? []), index]);
    });
    const out: Out[][] = keys.map(() => []);
    for (const indexes of groups.values()) {
      const args = keys[indexes[0]!]!.args;
      const ids = [...new Set(indexes.flatMap((i) => localIds[i]!))];
      if (ids.length === 0) continue;
      const rows = await query(ids, args);
      for (const index of indexes) {
        const mine = new Set(localIds[index]);
        out[index] = rows
          .filter((row) => mine.has(row.patientId))
          .slice(0, first(args))
          .map(map);
      }
    }
    return out;
  };
}

const cacheKeyFn = <A>(key: RecordsKey<A>) =>
  JSON.stringify([key.patient.id, key.patient.linkKeys ?? key.patient.identifiers ?? [], key.args]);

export function createLabResultsLoader(
  store: Hl7Store,
  localPatients: DataLoader<string, string[]>,
  defaultOffset: string,
  provider: DatabaseProvider = 'sqlite',
): DataLoader<RecordsKey<LabResultArgs>, Observation[], string> {
  const query = async (patientIds: string[], args: LabResultArgs): Promise<Hl7Result[]> => {
    const window = parseWindow(args);
    const code = parseCodeFilter(args.code);
    const p = new RawSqlParams(provider);
    const where = [`"patientId" IN (${p.list(patientIds)})`];
    if (window.from) where.push(`"effectiveAt" >= ${p.add(window.from)}`);
    if (window.to) where.push(`"effectiveAt" <= ${p.add(window.to)}`);
    if (code) {
      const coded = (column: string, uri: string, name: string) =>
        `("${column}" = ${p.add(code.code)}` +
        (code.system
          ? ` AND ("${uri}" = ${p.add(code.system)} OR "${name}" = ${p.add(code.system)}))`
          : ')');
      where.push(
        `(${coded('code', 'codeSystemUri', 'codeSystem')} OR ${coded('altCode', 'altCodeSystemUri', 'altCodeSystem')})`,
      );
    }
    const order = '"effectiveAt" DESC NULLS LAST, "ordinal" ASC, "id" ASC';
    return withoutRank(
      await queryRows<Hl7Result>(
        store,
        newestPerPatient('Hl7Result', where, order, args.first),
        p.values,
      ),
    );
  };
  return new DataLoader(
    batchByArgs(
      localPatients,
      query,
      (row) => storedResultToObservation(row, defaultOffset),
      (args) => args.first,
    ),
    { cacheKeyFn },
  );
}

export function createVisitsLoader(
  store: Hl7Store,
  localPatients: DataLoader<string, string[]>,
  provider: DatabaseProvider = 'sqlite',
): DataLoader<RecordsKey<VisitArgs>, Encounter[], string> {
  const query = async (patientIds: string[], args: VisitArgs): Promise<Hl7Visit[]> => {
    const window = parseWindow(args);
    const p = new RawSqlParams(provider);
    const where = [`"patientId" IN (${p.list(patientIds)})`];
    // A visit is in the window when its stay overlaps it; an open visit has no end.
    if (window.to) where.push(`"admitAt" <= ${p.add(window.to)}`);
    if (window.from)
      where.push(`("dischargeAt" >= ${p.add(window.from)} OR "dischargeAt" IS NULL)`);
    const order = '"admitAt" DESC NULLS LAST, "createdAt" DESC, "id" ASC';
    return withoutRank(
      await queryRows<Hl7Visit>(
        store,
        newestPerPatient('Hl7Visit', where, order, args.first),
        p.values,
      ),
    );
  };
  return new DataLoader(
    batchByArgs(localPatients, query, storedVisitToEncounter, (args) => args.first),
    { cacheKeyFn },
  );
}
