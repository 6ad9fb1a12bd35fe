import type { ConsentQuestion } from './consent-question';
import { questionKey } from './consent-question';

interface Entry {
  granted: boolean;
  /** Unix seconds; null = until revoked. */
  expiresAt: number | null;
}

/**
 * Registry answers, kept until an event says they changed. An answer read at block
 * B is only stored if no event for its key was seen after B, so a revocation that
 * lands while a read is in flight is never overwritten by the older answer.
 */
export class ConsentCache {
  private readonly entries = new Map<string, Entry>();
  private readonly changedAt = new Map<string, number>();

  get(question: ConsentQuestion): Entry | undefined {
    return this.entries.get(questionKey(question));
  }

  /** Stores an answer read from the chain at (or after) block `readAtBlock`. */
  setFromRead(question: ConsentQuestion, entry: Entry, readAtBlock: number): void {
    const key = questionKey(question);
    if ((this.changedAt.get(key) ?? -1) > readAtBlock) return;
    this.entries.set(key, entry);
  }

  /** Applies a ConsentGranted / ConsentRevoked event. */
  applyEvent(question: ConsentQuestion, entry: Entry, blockNumber: number): void {
    const key = questionKey(question);
    this.changedAt.set(key, Math.max(blockNumber, this.changedAt.get(key) ?? -1));
    this.entries.set(key, entry);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Whether a cached entry allows access at chain time `now` (seconds). */
export function isGranted(entry: Entry, now: number): boolean {
  return entry.granted && (entry.expiresAt === null || entry.expiresAt > now);
}
