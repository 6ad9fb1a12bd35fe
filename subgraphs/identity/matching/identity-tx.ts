import type { Prisma } from '../../../generated/identity/sqlite';

/** The identity store inside an interactive transaction (`store.$transaction(async (tx) => ...)`). */
export type IdentityTx = Prisma.TransactionClient;

/** Interactive transactions here read, score and write: allow for a busy SQLite file. */
export const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 } as const;

/** A unique constraint lost to a concurrent writer (Prisma P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === 'P2002';
}

/**
 * Runs `work` again when it lost a race on a unique constraint: two vendors
 * announcing the same new person at once both see "unknown", one insert wins,
 * and the loser's retry finds the winner's patient through the shared identifier.
 */
export async function retryOnUniqueViolation<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= attempts) throw error;
    }
  }
}
