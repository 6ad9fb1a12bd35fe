import { randomUUID } from 'node:crypto';
import type { Prisma } from '../store';
import type { IngestPlan } from './ingest-plan';
import { patientKey, type PatientState } from './patient-state';

export interface MergeSummary {
  mergeId: string;
  survivorPatientId: string;
  mergedPatientId: string | null;
  movedVisits: number;
  movedOrders: number;
  movedResults: number;
}

/**
 * ADT^A40/A34: the patient MRG-1 names is merged into the PID patient. Everything
 * recorded for the merged patient here (visits, orders, results, messages) moves
 * to the survivor, the merged row points at it, and the merge is recorded for
 * identity (see linking/merge-notifier.ts). A merge naming a patient this feed
 * never saw is recorded with nothing moved: there is nothing to move.
 */
export async function applyMerges(
  tx: Prisma.TransactionClient,
  plan: IngestPlan,
  messageId: string,
  patients: Map<string, PatientState>,
  now: Date,
): Promise<MergeSummary[]> {
  const summaries: MergeSummary[] = [];
  for (const merge of plan.merges) {
    const survivorRecord = plan.patients[merge.patientIndex]!;
    const survivor = patients.get(patientKey(survivorRecord.keySystem, survivorRecord.keyValue))!;
    const survivorId = survivor.mergedIntoId ?? survivor.id;
    const prior = patients.get(patientKey(merge.priorSystem, merge.priorValue));
    const summary: MergeSummary = {
      mergeId: randomUUID(),
      survivorPatientId: survivorId,
      mergedPatientId: prior?.id ?? null,
      movedVisits: 0,
      movedOrders: 0,
      movedResults: 0,
    };
    if (prior && prior.id !== survivorId) {
      await renameCollidingVisits(tx, prior.id, survivorId);
      const where = { patientId: prior.id };
      const data = { patientId: survivorId };
      summary.movedVisits = (await tx.hl7Visit.updateMany({ where, data })).count;
      summary.movedOrders = (await tx.hl7Order.updateMany({ where, data })).count;
      summary.movedResults = (await tx.hl7Result.updateMany({ where, data })).count;
      await tx.hl7Message.updateMany({ where, data });
      await tx.hl7Patient.update({
        where: { id: prior.id },
        data: { mergedIntoId: survivorId, lastMessageId: messageId },
      });
      // Patients merged into the merged one earlier follow it to the survivor.
      await tx.hl7Patient.updateMany({
        where: { mergedIntoId: prior.id },
        data: { mergedIntoId: survivorId },
      });
      prior.mergedIntoId = survivorId;
    }
    await tx.hl7Merge.create({
      data: {
        id: summary.mergeId,
        messageId,
        survivorPatientId: survivorId,
        mergedKeySystem: merge.priorSystem,
        mergedKeyValue: merge.priorValue,
        mergedPatientId: summary.mergedPatientId,
        movedVisits: summary.movedVisits,
        movedOrders: summary.movedOrders,
        movedResults: summary.movedResults,
        identityStatus: 'pending',
        createdAt: now,
      },
    });
    summaries.push(summary);
  }
  return summaries;
}

/** Two patients may each have a visit under the same key: keep both, renamed apart. */
async function renameCollidingVisits(
  tx: Prisma.TransactionClient,
  priorId: string,
  survivorId: string,
): Promise<void> {
  const priorVisits = await tx.hl7Visit.findMany({
    where: { patientId: priorId },
    select: { id: true, visitKey: true },
  });
  if (priorVisits.length === 0) return;
  const clashes = await tx.hl7Visit.findMany({
    where: { patientId: survivorId, visitKey: { in: priorVisits.map((v) => v.visitKey) } },
    select: { visitKey: true },
  });
  const clashing = new Set(clashes.map((c) => c.visitKey));
  for (const visit of priorVisits.filter((v) => clashing.has(v.visitKey))) {
    await tx.hl7Visit.update({
      where: { id: visit.id },
      data: { visitKey: `${visit.visitKey}#merged:${priorId}` },
    });
  }
}
