import DataLoader from 'dataloader';
import { storedPatientToPatient } from '../mappers/stored-patient-to-patient';
import type { Patient } from '../patient/patient.type';
import type { IdentityStore, StoredIdentifier, StoredPatient } from '../store';
import { MAX_MERGE_DEPTH } from './live-patient';

type Row = StoredPatient & { identifiers: StoredIdentifier[] };

/**
 * Patients by id for one request, following merges: the id of a merged patient
 * loads its survivor (whose identifiers include every identifier the merged one
 * had), so links and bookmarks to a merged id keep working. One query per batch
 * and per merge hop.
 */
export function createMergeFollowingPatientLoader(
  store: IdentityStore,
): DataLoader<string, Patient | null> {
  return new DataLoader(async (ids: readonly string[]) => {
    const rows = new Map<string, Row>();
    let frontier = [...new Set(ids)];
    for (let depth = 0; depth <= MAX_MERGE_DEPTH && frontier.length > 0; depth++) {
      const found = await store.patient.findMany({
        where: { id: { in: frontier } },
        include: { identifiers: { orderBy: { createdAt: 'asc' } } },
      });
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
