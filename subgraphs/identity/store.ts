import type { PrismaClient } from '../../generated/identity/sqlite';
import { openPrismaClient, type ClientConstructor } from '../shared/store/prisma-client';

export type IdentityStore = PrismaClient;
export type {
  Patient as StoredPatient,
  PatientIdentifier as StoredIdentifier,
} from '../../generated/identity/sqlite';

export function openIdentityStore(url: string): Promise<IdentityStore> {
  return openPrismaClient<IdentityStore>(url, {
    sqlite: () => import('../../generated/identity/sqlite'),
    // Same schema, other provider: the generated types are identical.
    postgresql: () =>
      import('../../generated/identity/postgresql') as unknown as Promise<{
        PrismaClient: ClientConstructor<IdentityStore>;
      }>,
  });
}
