import DataLoader from 'dataloader';
import type { FhirJson } from '../fhir/fhir-json';
import type { EhrFhirStore } from '../store';

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

function whereOf(filter: RecordFilter, patientIds: string[]) {
  const and: object[] = (filter.tokens ?? []).map((t) => ({
    tokens: {
      some: { param: t.param, code: t.code, ...(t.system !== null ? { system: t.system } : {}) },
    },
  }));
  if (filter.overlap) {
    if (filter.to) and.push({ dateStart: { lte: filter.to } });
    if (filter.from) {
      and.push({
        OR: [{ dateEnd: { gte: filter.from } }, { dateEnd: null, dateStart: { gte: filter.from } }],
      });
    }
  } else if (filter.from || filter.to) {
    and.push({
      dateStart: {
        ...(filter.from ? { gte: filter.from } : {}),
        ...(filter.to ? { lte: filter.to } : {}),
      },
    });
  }
  return {
    resourceType: filter.resourceType,
    deleted: false,
    patientId: { in: patientIds },
    ...(filter.status ? { status: filter.status } : {}),
    AND: and,
  };
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
 * a single `patientId IN (...)` query, then split per patient, newest first, and cut
 * to `first` per patient.
 */
export function createRecordLoader(
  store: EhrFhirStore,
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
          const rows: Row[] =
            patientIds.length === 0
              ? []
              : await store.fhirResource.findMany({
                  where: whereOf(filter, patientIds),
                  select: { key: true, patientId: true, dateStart: true, json: true },
                });
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
