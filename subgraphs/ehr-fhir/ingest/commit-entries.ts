import type { IngestCounts } from '../../shared/fhir/ingest-summary-extension';
import type { FhirJson } from '../fhir/fhir-json';
import { EXPOSED_RESOURCE_TYPES } from '../fhir/resource-types';
import { enqueuePatientLinks } from '../linking/patient-linker';
import { fhirPatientToLinkRequest } from '../mappers/fhir-patient-to-link-request';
import { RawSqlParams } from '../../shared/store/raw-sql-params';
import type { EhrFhirTx } from '../store';
import { withDirectRawSql } from '../../shared/store/sql-reader';
import { applyResourceWrites, type WriteOutcome } from './apply-resources';
import type { ConditionalQuery } from './conditional-query';
import { queryKey } from './conditional-query';
import { isValidEntry } from './ingest-plan';
import type { ConditionalLookup, ResolvedEntry } from './resolve-references';
import type { IngestContext } from './ingest-context';

export interface CommitResult {
  outcomes: Map<ResolvedEntry, WriteOutcome>;
  /** Patients created or changed: their links to identity were queued. */
  patientIds: string[];
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === 'P2002';
}

/**
 * Writes the valid entries in ONE database transaction (a transaction bundle is all
 * or nothing; a batch chunk is written in one go for speed) and queues the links of
 * the patients it stored, in the same transaction, so no link is ever lost.
 */
export async function commitEntries(
  ctx: IngestContext,
  entries: ResolvedEntry[],
): Promise<CommitResult> {
  const writable = entries.filter((e) => isValidEntry(e) && !e.existing && e.id !== null);
  const now = ctx.now?.() ?? new Date();
  const run = () =>
    ctx.store.$transaction(
      async (prismaTx) => {
        // Raw SQL (existence reads, bulk inserts, the link outbox) runs on the
        // transaction itself on SQLite, past Prisma's raw-query layer (sql-reader.ts).
        const tx = withDirectRawSql(ctx.store, prismaTx);
        const outcomes = await applyResourceWrites(
          tx,
          writable.map((e) => ({
            resourceType: e.resourceType,
            id: e.id!,
            resource: e.method === 'delete' ? null : e.resource,
          })),
          now,
          ctx.provider,
        );
        const byEntry = new Map(writable.map((e, i) => [e, outcomes[i]!]));
        const patients = writable.filter(
          (e) =>
            e.resourceType === 'Patient' &&
            e.resource &&
            e.method !== 'delete' &&
            ['created', 'updated'].includes(byEntry.get(e)!.result),
        );
        await enqueueLinks(
          tx,
          patients.map((e) => e.resource!),
          ctx.fhirBaseUrl,
          now,
          ctx.provider,
        );
        return { outcomes: byEntry, patientIds: patients.map((e) => e.id!) };
      },
      { timeout: 120_000, maxWait: 60_000 },
    );
  try {
    return await run();
  } catch (error) {
    // Two ingests creating the same new resource at once: the loser retries and
    // now sees the winner's row (unchanged or a new version).
    if (isUniqueViolation(error)) return run();
    throw error;
  }
}

async function enqueueLinks(
  tx: EhrFhirTx,
  patients: FhirJson[],
  base: string,
  now: Date,
  provider: IngestContext['provider'],
) {
  await enqueuePatientLinks(
    tx,
    patients.map((p) => ({ patientId: String(p.id), request: fhirPatientToLinkRequest(p, base) })),
    now,
    provider,
  );
}

/** Adds one entry's result to the counts. */
export function countEntry(
  counts: IngestCounts,
  entry: ResolvedEntry,
  outcome: WriteOutcome | undefined,
): void {
  if (!isValidEntry(entry)) {
    counts.rejected++;
    return;
  }
  const result = entry.existing ? 'unchanged' : (outcome?.result ?? 'unchanged');
  if (result === 'gone') counts.unchanged++;
  else counts[result]++;
  if (result !== 'deleted' && result !== 'gone') {
    counts.stored[entry.resourceType] = (counts.stored[entry.resourceType] ?? 0) + 1;
    if (
      !EXPOSED_RESOURCE_TYPES.has(entry.resourceType) &&
      !counts.notExposed.includes(entry.resourceType)
    ) {
      counts.notExposed.push(entry.resourceType);
    }
  }
}

/** Looks conditional queries up in the store's identifier tokens. */
export function storeLookup(ctx: IngestContext): ConditionalLookup {
  return async (queries: ConditionalQuery[]) => {
    const found = new Map<string, string[]>();
    const byId = queries.filter((q) => q.param === '_id');
    const byIdentifier = queries.filter((q) => q.param === 'identifier');
    if (byId.length > 0) {
      const params = new RawSqlParams(ctx.provider);
      const keys = params.list(byId.map((q) => `${q.resourceType}/${q.value}`));
      const rows = await ctx.store.$queryRawUnsafe<{ resourceType: string; resourceId: string }[]>(
        `SELECT "resourceType", "resourceId" FROM "FhirResource" WHERE "key" IN (${keys}) AND "deleted" = false`,
        ...params.values,
      );
      for (const q of byId) {
        const hit = rows.find((r) => r.resourceType === q.resourceType && r.resourceId === q.value);
        found.set(queryKey(q), hit ? [hit.resourceId] : []);
      }
    }
    if (byIdentifier.length > 0) {
      const params = new RawSqlParams(ctx.provider);
      const codes = params.list([...new Set(byIdentifier.map((q) => q.value))]);
      const types = params.list([...new Set(byIdentifier.map((q) => q.resourceType))]);
      const tokenRows = await ctx.store.$queryRawUnsafe<
        { system: string; code: string; resourceType: string; resourceId: string }[]
      >(
        'SELECT t."system", t."code", r."resourceType", r."resourceId" FROM "FhirToken" t ' +
          'JOIN "FhirResource" r ON r."key" = t."resourceKey" ' +
          `WHERE t."param" = 'identifier' AND t."code" IN (${codes}) ` +
          `AND r."resourceType" IN (${types}) AND r."deleted" = false`,
        ...params.values,
      );
      const rows = tokenRows.map(({ system, code, resourceType, resourceId }) => ({
        system,
        code,
        resource: { resourceType, resourceId },
      }));
      for (const q of byIdentifier) {
        const ids = rows
          .filter(
            (r) =>
              r.code === q.value &&
              r.resource.resourceType === q.resourceType &&
              (q.system === null || r.system === q.system),
          )
          .map((r) => r.resource.resourceId);
        found.set(queryKey(q), [...new Set(ids)]);
      }
    }
    return found;
  };
}
