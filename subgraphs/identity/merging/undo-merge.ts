import { HttpError } from '../../shared/http/http-errors';
import { TRANSACTION_OPTIONS, type IdentityTx } from '../matching/identity-tx';
import type { IdentityStore } from '../store';

export interface UndoResult {
  mergeId: string;
  status: 'undone';
  survivorId: string;
  mergedId: string | null;
  /** Identifiers returned to the merged patient. */
  restored: number;
  /** Identifiers the merge had added, unlinked again. */
  removed: number;
}

/**
 * Unmerges: exactly the identifiers the merge moved go back to the merged patient
 * with the links they had, identifiers it added are unlinked again, and the merged
 * patient is live once more. Identifiers linked to the survivor since the merge
 * stay with it. Merges are undone last-first: a survivor merged again later must
 * have that later merge undone before this one.
 */
/**
 * A merge that answered a pending review (see mergePatients) hands the record back
 * to the review list on undo, unless the record has an open item again already.
 */
async function reopenReview(tx: IdentityTx, linkDetailJson: string): Promise<void> {
  const { reviewId } = JSON.parse(linkDetailJson) as { reviewId?: string };
  if (!reviewId) return;
  const item = await tx.matchReview.findUnique({ where: { id: reviewId } });
  if (!item || item.status !== 'linked') return;
  const openKey = `${item.recordSystem}|${item.recordValue}`;
  if (await tx.matchReview.findUnique({ where: { openKey }, select: { id: true } })) return;
  await tx.matchReview.update({
    where: { id: reviewId },
    data: {
      status: 'pending',
      openKey,
      decidedAt: null,
      decidedBy: null,
      decisionPatientId: null,
      decisionNote: null,
    },
  });
}

export async function undoMerge(
  store: IdentityStore,
  mergeId: string,
  requestedBy: string | null,
  now: () => Date = () => new Date(),
): Promise<UndoResult> {
  return store.$transaction(
    (tx) => undoInTransaction(tx, mergeId, requestedBy, now()),
    TRANSACTION_OPTIONS,
  );
}

async function undoInTransaction(
  tx: IdentityTx,
  mergeId: string,
  requestedBy: string | null,
  at: Date,
): Promise<UndoResult> {
  const merge = await tx.patientMerge.findUnique({
    where: { id: mergeId },
    include: { moves: true },
  });
  if (!merge) throw new HttpError(404, 'NOT_FOUND', 'No merge with this id');
  if (merge.status !== 'merged') {
    throw new HttpError(409, 'ALREADY_UNDONE', 'This merge was undone already');
  }
  const survivor = await tx.patient.update({
    where: { id: merge.survivorId },
    data: { updatedAt: at },
  });
  if (survivor.mergedIntoId) {
    const later = await tx.patientMerge.findFirst({
      where: { mergedId: merge.survivorId, status: 'merged' },
      orderBy: { createdAt: 'desc' },
      select: { id: true },
    });
    throw new HttpError(
      409,
      'MERGE_ORDER',
      'The survivor was merged into another patient since; undo that merge first',
      { mergeId: later?.id ?? null },
    );
  }
  const ids = merge.moves.map((move) => move.identifierId);
  const current = await tx.patientIdentifier.findMany({
    where: { id: { in: ids } },
    select: { id: true, patientId: true },
  });
  const where = new Map(current.map((row) => [row.id, row.patientId]));
  if (merge.moves.some((move) => where.get(move.identifierId) !== merge.survivorId)) {
    throw new HttpError(
      409,
      'MERGE_ORDER',
      'Identifiers of this merge no longer belong to its survivor; undo later changes first',
    );
  }
  let restored = 0;
  let removed = 0;
  for (const move of merge.moves) {
    if (move.kind === 'added') {
      await tx.patientIdentifier.delete({ where: { id: move.identifierId } });
      await reopenReview(tx, move.linkDetailJson);
      removed++;
    } else {
      await tx.patientIdentifier.update({
        where: { id: move.identifierId },
        data: {
          patientId: merge.mergedId!,
          linkReason: move.linkReason,
          linkScore: move.linkScore,
          linkDetailJson: move.linkDetailJson,
        },
      });
      restored++;
    }
  }
  if (merge.mergedId) {
    const address = merge.chainAddressMoved ? survivor.chainAddress : null;
    if (address) {
      await tx.patient.update({ where: { id: merge.survivorId }, data: { chainAddress: null } });
    }
    await tx.patient.update({
      where: { id: merge.mergedId },
      data: { mergedIntoId: null, ...(address ? { chainAddress: address } : {}) },
    });
  }
  await tx.patientMerge.update({
    where: { id: mergeId },
    data: { status: 'undone', undoneAt: at, undoneBy: requestedBy },
  });
  return {
    mergeId,
    status: 'undone',
    survivorId: merge.survivorId,
    mergedId: merge.mergedId,
    restored,
    removed,
  };
}
