import type { PrismaClient } from '../../../generated/audit/sqlite';
import { openPrismaClient, type ClientConstructor } from '../store/prisma-client';

export type AuditStore = PrismaClient;
export type { AuditEntry as StoredAuditEntry } from '../../../generated/audit/sqlite';

export function openAuditStore(url: string): Promise<AuditStore> {
  return openPrismaClient<AuditStore>(url, {
    sqlite: () => import('../../../generated/audit/sqlite'),
    postgresql: () =>
      import('../../../generated/audit/postgresql') as unknown as Promise<{
        PrismaClient: ClientConstructor<AuditStore>;
      }>,
  });
}
