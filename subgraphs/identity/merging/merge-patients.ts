import { randomUUID } from 'node:crypto';
import { HttpError } from '../../shared/http/http-errors';
import type { PatientLinkRequest } from '../../shared/patient/link-request';
import {
  retryOnUniqueViolation,
  TRANSACTION_OPTIONS,
  type IdentityTx,
} from '../matching/identity-tx';
import { linkRecord } from '../matching/link-record';
import type { LinkWhy } from '../matching/patient-writes';
import { closeOpenReview, recordKeyOf } from '../review/review-items';
import type { IdentityStore, StoredIdentifier, StoredPatient } from '../store';
import { livePatientId } from './live-patient';
import type { MergeRequest, PatientRef } from './validate-merge-request';

export interface MergeResult {
  /** Null when nothing had to change (already one patient). */
  mergeId: string | null;
  status: 'merged' | 'already-merged';
  survivorId: string;
  /** Null when the merged identifier was not linked to any patient yet. */
  mergedId: string | null;
  /** Identifiers moved from the merged patient to the survivor. */
  moved: number;
  /** Identifiers that were not linked before and now belong to the survivor. */
  added: number;
}

/** The live patient a reference names; null for an identifier nobody holds yet. */
async function resolveRef(tx: IdentityTx, ref: PatientRef, role: string): Promise<string | null> {
  if ('patientId' in ref) {
    const id = await livePatientId(tx, ref.patientId);
    if (!id) throw new HttpError(404, 'NOT_FOUND', `No patient with the ${role} patientId`);
    return id;
  }
  const row = await tx.patientIdentifier.findUnique({
    where: { system_value: { system: ref.system, value: ref.value } },
    select: { patientId: true },
  });
  return row ? livePatientId(tx, row.patientId) : null;
}

/** Locks the patients in id order (no deadlock between opposite merges) and checks they are live. */
async function lockPatients(tx: IdentityTx, ids: string[]): Promise<Map<string, StoredPatient>> {
  const rows = new Map<string, StoredPatient>();
  for (const id of [...ids].sort()) {
    const row = await tx.patient.update({ where: { id }, data: { updatedAt: new Date() } });
    if (row.mergedIntoId) {
      throw new HttpError(409, 'MERGE_CONFLICT', 'A patient was merged concurrently; retry');
    }
    rows.set(id, row);
  }
  return rows;
}

/**
 * The patient's consents are given by the wallet linked to their record: when only
 * the merged patient had one, it moves to the survivor so those consents keep
 * applying (and the patient can still prove the link). When both had one, the
 * survivor's stays; the merged one's consents no longer apply until an undo.
 */
async function moveChainAddress(
  tx: IdentityTx,
  survivor: StoredPatient,
  merged: StoredPatient,
): Promise<boolean> {
  if (survivor.chainAddress || !merged.chainAddress) return false;
  await tx.patient.update({ where: { id: merged.id }, data: { chainAddress: null } });
  await tx.patient.update({
    where: { id: survivor.id },
    data: { chainAddress: merged.chainAddress },
  });
  return true;
}

/**
 * Merges one patient into another (HL7 ADT^A40, or a reviewer who found a
 * duplicate): every identifier of the merged patient moves to the survivor, with
 * its previous link kept in the merge history; the merged patient stays, marked
 * `mergedIntoId`, so its id still resolves (to the survivor). A merged identifier
 * no patient holds yet is added to the survivor, with its pending review record
 * if there is one. `undoMerge` reverses exactly what this did.
 */
export async function mergePatients(
  store: IdentityStore,
  request: MergeRequest,
): Promise<MergeResult> {
  return retryOnUniqueViolation(() =>
    store.$transaction((tx) => mergeInTransaction(tx, request), TRANSACTION_OPTIONS),
  );
}

async function mergeInTransaction(tx: IdentityTx, request: MergeRequest): Promise<MergeResult> {
  const survivorId = await resolveRef(tx, request.survivor, 'survivor');
  if (!survivorId) {
    throw new HttpError(
      409,
      'NOT_LINKED',
      'The survivor identifier is not linked to a patient yet; send its link first, then retry',
    );
  }
  const mergedId = await resolveRef(tx, request.merged, 'merged');
  if (mergedId === survivorId) {
    return { mergeId: null, status: 'already-merged', survivorId, mergedId, moved: 0, added: 0 };
  }
  const locked = await lockPatients(tx, mergedId ? [survivorId, mergedId] : [survivorId]);
  const chainAddressMoved = mergedId
    ? await moveChainAddress(tx, locked.get(survivorId)!, locked.get(mergedId)!)
    : false;
  const mergeId = randomUUID();
  await tx.patientMerge.create({
    data: {
      id: mergeId,
      survivorId,
      mergedId,
      source: request.source,
      reason: request.reason,
      requestedBy: request.requestedBy,
      status: 'merged',
      chainAddressMoved,
    },
  });
  const why: LinkWhy = {
    reason: 'merge',
    score: null,
    detail: { decision: 'merge', mergeId, fromPatientId: mergedId, source: request.source },
  };
  if (mergedId) {
    const moving = await tx.patientIdentifier.findMany({ where: { patientId: mergedId } });
    await tx.patientMergeMove.createMany({
      data: moving.map((row) => ({
        id: randomUUID(),
        mergeId,
        identifierId: row.id,
        kind: 'moved',
        linkReason: row.linkReason,
        linkScore: row.linkScore,
        linkDetailJson: row.linkDetailJson,
      })),
    });
    await tx.patientIdentifier.updateMany({
      where: { id: { in: moving.map((row) => row.id) } },
      data: {
        patientId: survivorId,
        linkReason: why.reason,
        linkScore: why.score,
        linkDetailJson: JSON.stringify(why.detail),
      },
    });
    await tx.patient.update({ where: { id: mergedId }, data: { mergedIntoId: survivorId } });
    return { mergeId, status: 'merged', survivorId, mergedId, moved: moving.length, added: 0 };
  }
  const added = await addUnlinkedIdentifier(tx, request, survivorId, why);
  await tx.patientMergeMove.createMany({
    data: added.map((row) => ({
      id: randomUUID(),
      mergeId,
      identifierId: row.id,
      kind: 'added',
      linkReason: row.linkReason,
      linkScore: row.linkScore,
      linkDetailJson: row.linkDetailJson,
    })),
  });
  return { mergeId, status: 'merged', survivorId, mergedId: null, moved: 0, added: added.length };
}

/**
 * The merged identifier is linked to nobody: if its record waits in review, the
 * merge answers the review (the whole record joins the survivor); otherwise the
 * identifier alone joins, so whatever a vendor still files under it is found.
 */
async function addUnlinkedIdentifier(
  tx: IdentityTx,
  request: MergeRequest,
  survivorId: string,
  why: LinkWhy,
): Promise<StoredIdentifier[]> {
  const ref = request.merged as { system: string; value: string };
  const pending = await tx.matchReview.findUnique({ where: { openKey: recordKeyOf(ref) } });
  const record: PatientLinkRequest = pending
    ? (JSON.parse(pending.requestJson) as PatientLinkRequest)
    : { source: request.source, identifiers: [ref] };
  const known = await tx.patientIdentifier.findMany({
    where: { OR: record.identifiers.map(({ system, value }) => ({ system, value })) },
  });
  const { created } = await linkRecord(
    tx,
    record,
    known,
    { patientId: survivorId, demographics: 'fill' },
    pending ? { ...why, detail: { ...why.detail, reviewId: pending.id } } : why,
  );
  if (pending) {
    await closeOpenReview(tx, ref, {
      status: 'linked',
      patientId: survivorId,
      decidedBy: `${request.source}:merge`,
      note: request.reason,
    });
  }
  return created;
}
