import { rowId } from './row-id';
import type { IngestPlan } from './ingest-plan';
import { patientKey, type PatientState } from './patient-state';
import type { SqlExecutor } from '../../shared/store/sql-database';
import { insertRows, marks } from '../../shared/store/sql-insert';

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
  tx: SqlExecutor,
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
      mergeId: rowId(),
      survivorPatientId: survivorId,
      mergedPatientId: prior?.id ?? null,
      movedVisits: 0,
      movedOrders: 0,
      movedResults: 0,
    };
    if (prior && prior.id !== survivorId) {
      await renameCollidingVisits(tx, prior.id, survivorId);
      const move = (table: string) =>
        tx.execute(`UPDATE "${table}" SET "patientId" = ? WHERE "patientId" = ?`, [
          survivorId,
          prior.id,
        ]);
      summary.movedVisits = await move('Hl7Visit');
      summary.movedOrders = await move('Hl7Order');
      summary.movedResults = await move('Hl7Result');
      await move('Hl7Message');
      await tx.execute(
        'UPDATE "Hl7Patient" SET "mergedIntoId" = ?, "lastMessageId" = ?, "updatedAt" = ? WHERE "id" = ?',
        [survivorId, messageId, now, prior.id],
      );
      // Patients merged into the merged one earlier follow it to the survivor.
      await tx.execute('UPDATE "Hl7Patient" SET "mergedIntoId" = ? WHERE "mergedIntoId" = ?', [
        survivorId,
        prior.id,
      ]);
      prior.mergedIntoId = survivorId;
    }
    await insertRows(
      tx,
      'Hl7Merge',
      [
        'id',
        'messageId',
        'survivorPatientId',
        'mergedKeySystem',
        'mergedKeyValue',
        'mergedPatientId',
        'movedVisits',
        'movedOrders',
        'movedResults',
        'identityStatus',
        'createdAt',
      ],
      [
        {
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
      ],
    );
    summaries.push(summary);
  }
  return summaries;
}

/** Two patients may each have a visit under the same key: keep both, renamed apart. */
async function renameCollidingVisits(
  tx: SqlExecutor,
  priorId: string,
  survivorId: string,
): Promise<void> {
  const priorVisits = await tx.query<{ id: string; visitKey: string }>(
    'SELECT "id", "visitKey" FROM "Hl7Visit" WHERE "patientId" = ?',
    [priorId],
  );
  if (priorVisits.length === 0) return;
  const clashes = await tx.query<{ visitKey: string }>(
    `SELECT "visitKey" FROM "Hl7Visit" WHERE "patientId" = ? AND "visitKey" IN ${marks(priorVisits.length)}`,
    [survivorId, ...priorVisits.map((v) => v.visitKey)],
  );
  const clashing = new Set(clashes.map((c) => c.visitKey));
  for (const visit of priorVisits.filter((v) => clashing.has(v.visitKey))) {
    await tx.execute('UPDATE "Hl7Visit" SET "visitKey" = ? WHERE "id" = ?', [
      `${visit.visitKey}#merged:${priorId}`,
      visit.id,
    ]);
  }
}
