import type {
  LinkIdentifier,
  PatientLinkRequest,
  PatientLinkResponse,
} from '../../shared/patient/link-request';
import { comparePatients, findCandidates } from '../matching/candidate-search';
import {
  retryOnUniqueViolation,
  TRANSACTION_OPTIONS,
  type IdentityTx,
} from '../matching/identity-tx';
import { decideLink, type LinkEvidence, type LinkPlan } from '../matching/link-decision';
import { DEFAULT_MATCH_CONFIG, type MatchConfig } from '../matching/match-config';
import { matchProfileOf } from '../matching/match-profile';
import { linkRecord } from '../matching/link-record';
import type { LinkWhy } from '../matching/patient-writes';
import { livePatientIds } from '../merging/live-patient';
import { closeOpenReview, findRejection, upsertOpenReview } from '../review/review-items';
import type { DatabaseProvider } from '../../shared/store/database-url';
import { RawSqlParams } from '../../shared/store/raw-sql-params';
import { withDirectRawSql } from '../../shared/store/sql-reader';
import type { IdentityStore, StoredIdentifier } from '../store';

/** The link response, plus what a caller may show: the match score and the review item. */
export interface LinkOutcome extends PatientLinkResponse {
  score?: number | null;
  reviewId?: string;
}

const keyOf = (i: { system: string; value: string }) => `${i.system}|${i.value}`;

/** One entry per (system, value): vendors sometimes repeat an identifier. */
function distinctIdentifiers(identifiers: LinkIdentifier[]): LinkIdentifier[] {
  const seen = new Map<string, LinkIdentifier>();
  for (const identifier of identifiers) {
    if (!seen.has(keyOf(identifier))) seen.set(keyOf(identifier), identifier);
  }
  return [...seen.values()];
}

/**
 * Links a vendor's patient record to a global patient (see `decideLink` for the
 * rules): by its own key, by a shared identifier, or by a scored demographic
 * match; uncertain records wait in the review list with everything they carried.
 * Every identifier linked records why (reason, score, field comparison).
 */
export async function linkPatient(
  store: IdentityStore,
  request: PatientLinkRequest,
  config: MatchConfig = DEFAULT_MATCH_CONFIG,
  provider: DatabaseProvider = 'sqlite',
): Promise<LinkOutcome> {
  const normalised = { ...request, identifiers: distinctIdentifiers(request.identifiers) };
  return retryOnUniqueViolation(() =>
    store.$transaction(
      // Its raw SQL (most of a link) runs on the transaction itself on SQLite (sql-reader.ts).
      (tx) => linkInTransaction(withDirectRawSql(store, tx), normalised, config, provider),
      TRANSACTION_OPTIONS,
    ),
  );
}

async function linkInTransaction(
  tx: IdentityTx,
  request: PatientLinkRequest,
  config: MatchConfig,
  provider: DatabaseProvider,
): Promise<LinkOutcome> {
  const sourceKey = request.identifiers[0]!;
  const profile = matchProfileOf(request.demographics, request.identifiers);
  const byKey = new RawSqlParams(provider);
  const known = await tx.$queryRawUnsafe<StoredIdentifier[]>(
    `SELECT * FROM "PatientIdentifier" WHERE ${request.identifiers
      .map(
        ({ system, value }) =>
          `("system" = ${byKey.add(system)} AND "value" = ${byKey.add(value)})`,
      )
      .join(' OR ')} ORDER BY "createdAt" ASC, "id" ASC`,
    ...byKey.values,
  );
  const liveOf = await livePatientIds(
    tx,
    known.map((k) => k.patientId),
  );
  const sourceRow = known.find((k) => keyOf(k) === keyOf(sourceKey));
  const evidence: LinkEvidence = {
    sourceKeyPatientId: sourceRow ? liveOf.get(sourceRow.patientId)! : null,
    identifierPatients: [],
    demographicCandidates: [],
    rejectedUnchanged: false,
  };
  let rejectionId: string | null = null;
  if (!sourceRow) {
    const holders = [...new Set(liveOf.values())];
    if (holders.length > 0) {
      evidence.identifierPatients = await comparePatients(tx, profile, holders, provider);
    } else {
      rejectionId = await findRejection(tx, request, provider);
      evidence.rejectedUnchanged = rejectionId !== null;
      if (!rejectionId) {
        evidence.demographicCandidates = await findCandidates(
          tx,
          profile,
          config.maxCandidates,
          provider,
        );
      }
    }
  }
  const plan = decideLink(evidence, config);
  if (plan.kind === 'rejected') {
    return { patientId: null, decision: 'review', reason: 'rejected', reviewId: rejectionId! };
  }
  if (plan.kind === 'review') {
    const reviewId = await upsertOpenReview(tx, request, plan.reason, plan.candidates);
    return {
      patientId: null,
      decision: 'review',
      reason: plan.reason,
      score: plan.candidates[0]?.comparison.score ?? null,
      reviewId,
    };
  }
  return applyLink(tx, request, plan, known, provider);
}

type LinkingPlan = Exclude<LinkPlan, { kind: 'review' } | { kind: 'rejected' }>;

function whyOf(plan: LinkingPlan, known: { system: string }[]): LinkWhy {
  switch (plan.kind) {
    case 'same-record':
      return { reason: 'same-record', score: null, detail: { decision: 'same-record' } };
    case 'same-identifier': {
      const systems = known.map((k) => k.system);
      return {
        reason: `same-identifier:${systems.join(',')}`,
        score: plan.comparison.score,
        detail: {
          decision: 'same-identifier',
          matchedSystems: [...new Set(systems)],
          ...plan.comparison,
        },
      };
    }
    case 'demographic-match':
      return {
        reason: 'demographic-match',
        score: plan.comparison.score,
        detail: { decision: 'demographic-match', ...plan.comparison },
      };
    case 'new-patient':
      return {
        reason: 'new-patient',
        score: null,
        detail: {
          decision: 'new-patient',
          candidatesConsidered: plan.considered,
          bestCandidateScore: plan.best?.comparison.score ?? null,
        },
      };
  }
}

async function applyLink(
  tx: IdentityTx,
  request: PatientLinkRequest,
  plan: LinkingPlan,
  known: StoredIdentifier[],
  provider: DatabaseProvider,
): Promise<LinkOutcome> {
  const why = whyOf(plan, known);
  const { patientId } = await linkRecord(
    tx,
    request,
    known,
    {
      patientId: plan.kind === 'new-patient' ? null : plan.patientId,
      // A vendor re-sending its own record may carry updated demographics.
      demographics: plan.kind === 'same-record' ? 'replace' : 'fill',
    },
    why,
    provider,
  );
  await closeOpenReview(
    tx,
    request.identifiers[0]!,
    {
      status: 'superseded',
      patientId,
      decidedBy: `system:${why.reason.split(':')[0]}`,
    },
    provider,
  );
  return {
    patientId,
    decision: plan.kind === 'new-patient' ? 'created' : 'existing',
    reason: why.reason,
    score: why.score,
  };
}
