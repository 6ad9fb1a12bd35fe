import { decisionsOfEntry, type EntryDecision } from '../../subgraphs/shared/audit/audit-decisions';
import { auditStoreUrls, auditUrlFor } from '../../subgraphs/shared/audit/audit-locations';
import {
  openAuditStore,
  type AuditStore,
  type StoredAuditEntry,
} from '../../subgraphs/shared/audit/audit-store';
import { defaultAuditDatabaseUrl } from '../../subgraphs/shared/config/project-paths';

/** Where a stack in `home` keeps its audit logs: one SQLite file per log. */
export function stackAuditPattern(home: string): string {
  return defaultAuditDatabaseUrl({ PATIENTGRAPH_HOME: home });
}

/** The store of one process's log (`identity`, `ehr-hl7v2`, ...) in the stack in `home`. */
export function openStackAuditStore(home: string, logId: string): Promise<AuditStore> {
  return openAuditStore(auditUrlFor(stackAuditPattern(home), logId));
}

/** Every audit entry the stack in `home` holds, over all its logs. */
export async function allStackAuditEntries(home: string): Promise<StoredAuditEntry[]> {
  const entries: StoredAuditEntry[] = [];
  for (const url of auditStoreUrls(stackAuditPattern(home))) {
    const store = await openAuditStore(url);
    try {
      entries.push(...(await store.auditEntry.findMany()));
    } finally {
      await store.$disconnect();
    }
  }
  return entries;
}

/** One decision of a stack's audit logs, with the entry that holds it. */
export type StackAuditDecision = EntryDecision & { entry: StoredAuditEntry };

/** Every decision the stack in `home` audited, over all its logs and entries. */
export async function allStackAuditDecisions(home: string): Promise<StackAuditDecision[]> {
  return (await allStackAuditEntries(home)).flatMap((entry) =>
    decisionsOfEntry(entry).map((decision) => ({ ...decision, entry })),
  );
}
