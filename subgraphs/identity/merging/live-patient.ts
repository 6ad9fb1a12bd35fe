import type { IdentityTx } from '../matching/identity-tx';
import type { StoredPatient } from '../store';

/** Merge chains longer than this are a data fault, not a history. */
export const MAX_MERGE_DEPTH = 16;

export class MergeChainError extends Error {
  constructor() {
    super('Merge chain too long or circular');
    this.name = 'MergeChainError';
  }
}

/**
 * The live patient a (possibly merged) patient id stands for: merged patients
 * point at their survivor through `mergedIntoId`, possibly over several merges.
 * Null when the id is unknown.
 */
export async function livePatientId(tx: IdentityTx, id: string): Promise<string | null> {
  let current = id;
  for (let depth = 0; depth <= MAX_MERGE_DEPTH; depth++) {
    const row = await tx.patient.findUnique({
      where: { id: current },
      select: { mergedIntoId: true },
    });
    if (!row) return null;
    if (!row.mergedIntoId) return current;
    current = row.mergedIntoId;
  }
  throw new MergeChainError();
}

/**
 * `livePatientId` for several ids in one query (merged ones, rare, are followed
 * one by one). Unknown ids map to themselves.
 */
export async function livePatientIds(tx: IdentityTx, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const rows = await tx.patient.findMany({
    where: { id: { in: unique } },
    select: { id: true, mergedIntoId: true },
  });
  const live = new Map(unique.map((id) => [id, id]));
  for (const row of rows) {
    if (row.mergedIntoId) live.set(row.id, (await livePatientId(tx, row.mergedIntoId)) ?? row.id);
  }
  return live;
}

/**
 * Locks the live patient for this transaction (an update takes the row lock in
 * PostgreSQL; SQLite holds the database write lock) and returns it. A concurrent
 * merge of that patient then either finished before (and the chain is followed)
 * or waits until this transaction's identifiers are in place and moves them too.
 */
export async function lockLivePatient(tx: IdentityTx, id: string): Promise<StoredPatient | null> {
  let current = id;
  for (let depth = 0; depth <= MAX_MERGE_DEPTH; depth++) {
    const row = await tx.patient
      .update({ where: { id: current }, data: { updatedAt: new Date() } })
      .catch((error: unknown) => {
        // P2025: no such patient.
        if ((error as { code?: string })?.code === 'P2025') return null;
        throw error;
      });
    if (!row) return null;
    if (!row.mergedIntoId) return row;
    current = row.mergedIntoId;
  }
  throw new MergeChainError();
}
