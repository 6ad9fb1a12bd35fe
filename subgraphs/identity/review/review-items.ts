import { createHash, randomUUID } from 'node:crypto';
import type { DatabaseProvider } from '../../shared/store/database-url';
import { RawSqlParams } from '../../shared/store/raw-sql-params';
import type { LinkIdentifier, PatientLinkRequest } from '../../shared/patient/link-request';
import type { IdentityTx } from '../matching/identity-tx';
import type { ReviewKind, ScoredCandidate } from '../matching/link-decision';
import type { MatchComparison } from '../matching/score-match';

/** pending until a person (or a later, stronger link) decides. */
export type ReviewStatus = 'pending' | 'linked' | 'new-patient' | 'rejected' | 'superseded';

/** A candidate as stored on a review item and shown to reviewers: ids and levels only. */
export interface ReviewCandidate extends MatchComparison {
  patientId: string;
}

export function recordKeyOf(identifier: LinkIdentifier): string {
  return `${identifier.system}|${identifier.value}`;
}

function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, stable(v)]),
    );
  }
  return value;
}

/** Fingerprint of what a record says (identifiers, demographics), independent of key order. */
export function requestHash(request: PatientLinkRequest): string {
  const content = stable({ identifiers: request.identifiers, demographics: request.demographics });
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

export function reviewCandidatesOf(candidates: ScoredCandidate[]): ReviewCandidate[] {
  return candidates.map(({ patientId, comparison }) => ({ patientId, ...comparison }));
}

/**
 * Opens a review item for a record, or refreshes the open one (a vendor re-sending
 * a pending record must not queue it twice): the request is kept whole, so nothing
 * the vendor said is lost while it waits.
 */
export async function upsertOpenReview(
  tx: IdentityTx,
  request: PatientLinkRequest,
  kind: ReviewKind,
  candidates: ScoredCandidate[],
): Promise<string> {
  const key = request.identifiers[0]!;
  const openKey = recordKeyOf(key);
  const data = {
    kind,
    source: request.source,
    requestJson: JSON.stringify(request),
    requestHash: requestHash(request),
    candidatesJson: JSON.stringify(reviewCandidatesOf(candidates)),
    bestScore: candidates[0]?.comparison.score ?? null,
  };
  const open = await tx.matchReview.findUnique({ where: { openKey }, select: { id: true } });
  if (open) {
    await tx.matchReview.update({ where: { id: open.id }, data });
    return open.id;
  }
  const id = randomUUID();
  await tx.matchReview.create({
    data: {
      id,
      status: 'pending',
      recordSystem: key.system,
      recordValue: key.value,
      openKey,
      ...data,
    },
  });
  return id;
}

/** Closes the record's open review item, if any (it was decided, or linked some other way). */
export async function closeOpenReview(
  tx: IdentityTx,
  key: LinkIdentifier,
  outcome: {
    status: Exclude<ReviewStatus, 'pending'>;
    patientId: string | null;
    decidedBy: string;
    note?: string | null;
  },
  provider: DatabaseProvider = 'sqlite',
): Promise<void> {
  // SQL on Prisma's raw channel (see RawSqlParams): it runs for every link, and
  // almost always finds nothing to close.
  const p = new RawSqlParams(provider);
  const now = new Date();
  const nullable = (value: string | null | undefined) =>
    value === null || value === undefined ? 'NULL' : p.add(value);
  await tx.$executeRawUnsafe(
    `UPDATE "MatchReview" SET "status" = ${p.add(outcome.status)}, "openKey" = NULL, ` +
      `"decidedAt" = ${p.add(now)}, "decidedBy" = ${p.add(outcome.decidedBy)}, ` +
      `"decisionPatientId" = ${nullable(outcome.patientId)}, "decisionNote" = ${nullable(outcome.note)}, ` +
      `"updatedAt" = ${p.add(now)} WHERE "openKey" = ${p.add(recordKeyOf(key))}`,
    ...p.values,
  );
}

/** The review item that rejected this exact record, if a reviewer did. */
export async function findRejection(
  tx: IdentityTx,
  request: PatientLinkRequest,
  provider: DatabaseProvider = 'sqlite',
): Promise<string | null> {
  const key = request.identifiers[0]!;
  const p = new RawSqlParams(provider);
  const [rejected] = await tx.$queryRawUnsafe<{ id: string }[]>(
    `SELECT "id" FROM "MatchReview" WHERE "recordSystem" = ${p.add(key.system)} ` +
      `AND "recordValue" = ${p.add(key.value)} AND "status" = 'rejected' ` +
      `AND "requestHash" = ${p.add(requestHash(request))} ORDER BY "decidedAt" DESC LIMIT 1`,
    ...p.values,
  );
  return rejected?.id ?? null;
}
