import DataLoader from 'dataloader';
import type { AccessLogReader } from '../shared/audit/access-log-reader';
import type { RequestBase } from '../shared/http/subgraph-server';
import type { ConsentRelayer } from './consent/consent-relayer';
import { createMergeFollowingPatientLoader } from './merging/merge-following-loader';
import { storedPatientToPatient } from './mappers/stored-patient-to-patient';
import type { Patient } from './patient/patient.type';
import type { DatabaseProvider } from '../shared/store/database-url';
import type { IdentityStore } from './store';

export interface IdentityContext extends RequestBase {
  store: IdentityStore;
  /** Patients by id for this request: one store query per batch of references. */
  patients: DataLoader<string, Patient | null>;
  consentRelayer: ConsentRelayer;
  /** The audit logs, read for patients' own access logs. */
  accessLog: AccessLogReader;
}

export interface IdentityServices {
  store: IdentityStore;
  /** Which database the store is (raw SQL placeholders). */
  provider: DatabaseProvider;
  consentRelayer: ConsentRelayer;
  accessLog: AccessLogReader;
}

export function createPatientLoader(store: IdentityStore): DataLoader<string, Patient | null> {
  return new DataLoader(async (ids: readonly string[]) => {
    const rows = await store.patient.findMany({
      where: { id: { in: [...ids] } },
      include: { identifiers: { orderBy: { createdAt: 'asc' } } },
    });
    const byId = new Map(rows.map((row) => [row.id, storedPatientToPatient(row, row.identifiers)]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

export function createIdentityContext(
  base: RequestBase,
  services: IdentityServices,
): IdentityContext {
  // A merged patient's id keeps working: it loads the surviving patient.
  return {
    ...base,
    ...services,
    patients: createMergeFollowingPatientLoader(services.store, services.provider),
  };
}
