import type { PatientLinkRequest } from '../../shared/patient/link-request';
import type { IdentityTx } from '../matching/identity-tx';
import { livePatientId } from '../merging/live-patient';
import type { IdentityStore } from '../store';
import type { ReviewCandidate } from './review-items';

type StoredReview = Awaited<ReturnType<IdentityStore['matchReview']['findUniqueOrThrow']>>;

/**
 * A review item as reviewers see it: ids, identifier systems and the comparison
 * summary; never the record's demographics (a reviewer opens the patients through
 * the consent-checked graph).
 */
export interface ReviewView {
  id: string;
  status: string;
  kind: string;
  source: string;
  record: { system: string; value: string };
  identifierSystems: string[];
  bestScore: number | null;
  /** Best first; `patientId` is the live patient (merges followed). */
  candidates: (ReviewCandidate & { mergedFrom?: string })[];
  createdAt: string;
  updatedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionPatientId: string | null;
  note: string | null;
}

export async function reviewViewOf(
  tx: IdentityTx | IdentityStore,
  item: StoredReview,
): Promise<ReviewView> {
  const request = JSON.parse(item.requestJson) as PatientLinkRequest;
  const candidates = JSON.parse(item.candidatesJson) as ReviewCandidate[];
  const live = await Promise.all(
    candidates.map(async (candidate) => {
      const id =
        (await livePatientId(tx as IdentityTx, candidate.patientId)) ?? candidate.patientId;
      return id === candidate.patientId
        ? candidate
        : { ...candidate, patientId: id, mergedFrom: candidate.patientId };
    }),
  );
  return {
    id: item.id,
    status: item.status,
    kind: item.kind,
    source: item.source,
    record: { system: item.recordSystem, value: item.recordValue },
    identifierSystems: [...new Set(request.identifiers.map((i) => i.system))],
    bestScore: item.bestScore,
    candidates: live,
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
    decidedAt: item.decidedAt?.toISOString() ?? null,
    decidedBy: item.decidedBy,
    decisionPatientId: item.decisionPatientId,
    note: item.decisionNote,
  };
}
