import { HttpError } from '../../shared/http/http-errors';
import type { PatientLinkRequest } from '../../shared/patient/link-request';
import {
  retryOnUniqueViolation,
  TRANSACTION_OPTIONS,
  type IdentityTx,
} from '../matching/identity-tx';
import { linkRecord, PatientGoneError } from '../matching/link-record';
import { livePatientId, livePatientIds } from '../merging/live-patient';
import type { IdentityStore } from '../store';
import type { ReviewCandidate, ReviewStatus } from './review-items';

export type ReviewDecision =
  | { action: 'link'; patientId: string; reviewer: string; note?: string | null }
  | { action: 'new-patient'; reviewer: string; note?: string | null }
  | { action: 'reject'; reviewer: string; note?: string | null };

export interface ReviewDecisionResult {
  reviewId: string;
  status: Exclude<ReviewStatus, 'pending' | 'superseded'>;
  patientId: string | null;
  decidedBy: string;
  decidedAt: string;
}

/**
 * Applies a reviewer's decision on a pending record: link it to a patient, make
 * it a new patient, or reject it (it stays unlinked; re-sent unchanged, it stays
 * rejected). Identifiers that meanwhile became another patient's are a conflict
 * the reviewer resolves with a merge first: a decision never moves identifiers.
 */
export async function decideReview(
  store: IdentityStore,
  reviewId: string,
  decision: ReviewDecision,
  now: () => Date = () => new Date(),
): Promise<ReviewDecisionResult> {
  return retryOnUniqueViolation(() =>
    store.$transaction(
      (tx) => decideInTransaction(tx, reviewId, decision, now()),
      TRANSACTION_OPTIONS,
    ),
  );
}

async function decideInTransaction(
  tx: IdentityTx,
  reviewId: string,
  decision: ReviewDecision,
  decidedAt: Date,
): Promise<ReviewDecisionResult> {
  const item = await tx.matchReview.findUnique({ where: { id: reviewId } });
  if (!item) throw new HttpError(404, 'NOT_FOUND', 'No review item with this id');
  if (item.status !== 'pending') {
    throw new HttpError(409, 'ALREADY_DECIDED', `This review item is already ${item.status}`, {
      status: item.status,
    });
  }
  let status: ReviewDecisionResult['status'] = 'rejected';
  let patientId: string | null = null;
  if (decision.action !== 'reject') {
    const request = JSON.parse(item.requestJson) as PatientLinkRequest;
    const known = await tx.patientIdentifier.findMany({
      where: { OR: request.identifiers.map(({ system, value }) => ({ system, value })) },
    });
    const target = decision.action === 'link' ? await livePatientId(tx, decision.patientId) : null;
    if (decision.action === 'link' && !target) {
      throw new HttpError(404, 'NOT_FOUND', 'No patient with this id', {
        patientId: decision.patientId,
      });
    }
    const liveOf = await livePatientIds(
      tx,
      known.map((row) => row.patientId),
    );
    const holders = new Set(liveOf.values());
    holders.delete(target ?? '');
    if (holders.size > 0) {
      throw new HttpError(
        409,
        'IDENTIFIER_CONFLICT',
        'Identifiers of this record belong to other patients now: merge those patients first (POST /merges), or link to the patient holding them',
        { patientIds: [...holders].sort() },
      );
    }
    const candidates = JSON.parse(item.candidatesJson) as ReviewCandidate[];
    const chosenId = decision.action === 'link' ? decision.patientId : null;
    const chosen = candidates.find((c) => c.patientId === chosenId || c.patientId === target);
    try {
      ({ patientId } = await linkRecord(
        tx,
        request,
        known,
        { patientId: target, demographics: 'fill' },
        {
          reason: 'manual',
          score: decision.action === 'link' ? (chosen?.score ?? null) : null,
          detail: {
            decision: 'manual',
            action: decision.action,
            reviewId,
            reviewer: decision.reviewer,
            ...(chosen ? { fields: chosen.fields, identifiers: chosen.identifiers } : {}),
          },
        },
      ));
    } catch (error) {
      if (error instanceof PatientGoneError) throw new HttpError(404, 'NOT_FOUND', error.message);
      throw error;
    }
    status = decision.action === 'link' ? 'linked' : 'new-patient';
  }
  await tx.matchReview.update({
    where: { id: reviewId },
    data: {
      status,
      openKey: null,
      decidedAt,
      decidedBy: decision.reviewer,
      decisionPatientId: patientId,
      decisionNote: decision.note ?? null,
    },
  });
  return {
    reviewId,
    status,
    patientId,
    decidedBy: decision.reviewer,
    decidedAt: decidedAt.toISOString(),
  };
}
