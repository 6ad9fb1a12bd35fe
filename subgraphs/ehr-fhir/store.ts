import type { PrismaClient } from '../../generated/ehr-fhir/sqlite';
import { openPrismaClient, type ClientConstructor } from '../shared/store/prisma-client';

export type EhrFhirStore = PrismaClient;
/** What a transaction callback receives: the store minus connection management. */
export type EhrFhirTx = Omit<
  EhrFhirStore,
  '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'
>;
export type {
  FhirResource as StoredResource,
  PatientLink as StoredPatientLink,
} from '../../generated/ehr-fhir/sqlite';

export async function openEhrFhirStore(url: string): Promise<EhrFhirStore> {
  const store = await openPrismaClient<EhrFhirStore>(url, {
    sqlite: () => import('../../generated/ehr-fhir/sqlite'),
    // Same schema, other provider: the generated types are identical.
    postgresql: () =>
      import('../../generated/ehr-fhir/postgresql') as unknown as Promise<{
        PrismaClient: ClientConstructor<EhrFhirStore>;
      }>,
  });
  return store;
}
