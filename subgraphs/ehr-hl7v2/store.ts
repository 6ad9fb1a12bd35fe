import type { PrismaClient } from '../../generated/ehr-hl7v2/sqlite';
import { openPrismaClient, type ClientConstructor } from '../shared/store/prisma-client';

export type Hl7Store = PrismaClient;
export type {
  Hl7Merge as StoredMerge,
  Hl7Message as StoredMessage,
  Hl7Order as StoredOrder,
  Hl7Patient as StoredPatient,
  Hl7Segment as StoredSegment,
  Hl7Result as StoredResult,
  Hl7Visit as StoredVisit,
  Prisma,
} from '../../generated/ehr-hl7v2/sqlite';

export function openHl7Store(url: string): Promise<Hl7Store> {
  return openPrismaClient<Hl7Store>(url, {
    sqlite: () => import('../../generated/ehr-hl7v2/sqlite'),
    // Same schema, other provider: the generated types are identical.
    postgresql: () =>
      import('../../generated/ehr-hl7v2/postgresql') as unknown as Promise<{
        PrismaClient: ClientConstructor<Hl7Store>;
      }>,
  });
}
