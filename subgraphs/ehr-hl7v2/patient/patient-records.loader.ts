import DataLoader from 'dataloader';
import type { Encounter } from '../../shared/fhir/encounter.type';
import type { Observation } from '../../shared/fhir/observation.type';
import type { VendorPatientRepresentation } from '../../shared/patient/vendor-patient';
import { storedResultToObservation } from '../mappers/stored-result-to-observation';
import { storedVisitToEncounter } from '../mappers/stored-visit-to-encounter';
import type { Hl7Store, Prisma } from '../store';
import { parseCodeFilter, parseWindow, type LabResultArgs, type VisitArgs } from './record-filters';

export interface RecordsKey<A> {
  patient: VendorPatientRepresentation;
  args: A;
}

const pairKey = (system: string, value: string) => `${system}\u0000${value}`;

/**
 * Local patients by link key (system + value): the feed's patients whose key is
 * one of the global patient's identifiers. Merged-away patients resolve to the
 * patient they were merged into. One query per batch.
 */
export function createLocalPatientLoader(store: Hl7Store): DataLoader<string, string[]> {
  return new DataLoader(async (keys: readonly string[]) => {
    const pairs = keys.map((key) => {
      const [keySystem, keyValue] = key.split('\u0000') as [string, string];
      return { keySystem, keyValue };
    });
    const rows = await store.hl7Patient.findMany({
      where: { OR: pairs },
      select: { id: true, keySystem: true, keyValue: true, mergedIntoId: true },
    });
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
): DataLoader<RecordsKey<LabResultArgs>, Observation[], string> {
  const query = (patientIds: string[], args: LabResultArgs) => {
    const window = parseWindow(args);
    const code = parseCodeFilter(args.code);
    const where: Prisma.Hl7ResultWhereInput = { patientId: { in: patientIds } };
    if (window.from || window.to) {
      where.effectiveAt = {
        ...(window.from ? { gte: window.from } : {}),
        ...(window.to ? { lte: window.to } : {}),
      };
    }
    if (code) {
      const systems = code.system
        ? [{ codeSystemUri: code.system }, { codeSystem: code.system }]
        : null;
      const altSystems = code.system
        ? [{ altCodeSystemUri: code.system }, { altCodeSystem: code.system }]
        : null;
      where.OR = [
        { code: code.code, ...(systems ? { OR: systems } : {}) },
        { altCode: code.code, ...(altSystems ? { OR: altSystems } : {}) },
      ];
    }
    return store.hl7Result.findMany({
      where,
      orderBy: [{ effectiveAt: { sort: 'desc', nulls: 'last' } }, { ordinal: 'asc' }],
    });
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
): DataLoader<RecordsKey<VisitArgs>, Encounter[], string> {
  const query = (patientIds: string[], args: VisitArgs) => {
    const window = parseWindow(args);
    const where: Prisma.Hl7VisitWhereInput = { patientId: { in: patientIds } };
    // A visit is in the window when its stay overlaps it; an open visit has no end.
    if (window.to) where.admitAt = { lte: window.to };
    if (window.from) where.OR = [{ dischargeAt: { gte: window.from } }, { dischargeAt: null }];
    return store.hl7Visit.findMany({
      where,
      orderBy: [{ admitAt: { sort: 'desc', nulls: 'last' } }, { createdAt: 'desc' }],
    });
  };
  return new DataLoader(
    batchByArgs(localPatients, query, storedVisitToEncounter, (args) => args.first),
    { cacheKeyFn },
  );
}
