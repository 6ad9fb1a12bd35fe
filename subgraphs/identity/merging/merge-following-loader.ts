import DataLoader from 'dataloader';
import type { DatabaseProvider } from '../../shared/store/database-url';
import { RawSqlParams } from '../../shared/store/raw-sql-params';
import { storedPatientToPatient } from '../mappers/stored-patient-to-patient';
import type { Patient } from '../patient/patient.type';
import type { IdentityStore, StoredIdentifier, StoredPatient } from '../store';
import { MAX_MERGE_DEPTH } from './live-patient';
import { queryRows } from '../../shared/store/sql-reader';

type Row = StoredPatient & { identifiers: StoredIdentifier[] };

/**
 * Patients by id with their identifiers (oldest first): two statements through
 * Prisma's raw channel (see RawSqlParams), one for the patients, one for the
 * identifiers, as Prisma's `include` would run, without its query compiler.
 */
async function patientsWithIdentifiers(
  store: IdentityStore,
  provider: DatabaseProvider,
  ids: readonly string[],
): Promise<Row[]> {
  const byPatient = new RawSqlParams(provider);
  const patients = await queryRows<StoredPatient>(
    store,
    `SELECT * FROM "Patient" WHERE "id" IN (${byPatient.list(ids)})`,
    byPatient.values,
  );
  if (patients.length === 0) return [];
  const byOwner = new RawSqlParams(provider);
  const identifiers = await queryRows<StoredIdentifier>(
    store,
    `SELECT * FROM "PatientIdentifier" WHERE "patientId" IN (${byOwner.list(patients.map((p) => p.id))}) ` +
      'ORDER BY "createdAt" ASC, "id" ASC',
    byOwner.values,
  );
  const rows = new Map<string, Row>(patients.map((p) => [p.id, { ...p, identifiers: [] }]));
  for (const identifier of identifiers)
    rows.get(identifier.patientId)?.identifiers.push(identifier);
  return [...rows.values()];
}

/**
 * Patients by id for one request, following merges: the id of a merged patient
 * loads its survivor (whose identifiers include every identifier the merged one
 * had), so links and bookmarks to a merged id keep working. One query per batch
 * and per merge hop.
 */
export function createMergeFollowingPatientLoader(
  store: IdentityStore,
  provider: DatabaseProvider = 'sqlite',
): DataLoader<string, Patient | null> {
  return new DataLoader(async (ids: readonly string[]) => {
    const rows = new Map<string, Row>();
    let frontier = [...new Set(ids)];
    for (let depth = 0; depth <= MAX_MERGE_DEPTH && frontier.length > 0; depth++) {
      const found = await patientsWithIdentifiers(store, provider, frontier);
      for (const row of found) rows.set(row.id, row);
      frontier = [
        ...new Set(
          found
            .map((row) => row.mergedIntoId)
            .filter((id): id is string => id !== null && !rows.has(id)),
        ),
      ];
    }
    return ids.map((id) => {
      let row = rows.get(id);
      for (let hops = 0; row?.mergedIntoId && hops <= MAX_MERGE_DEPTH; hops++) {
        row = rows.get(row.mergedIntoId);
      }
      return row && !row.mergedIntoId ? storedPatientToPatient(row, row.identifiers) : null;
    });
  });
}
