import type { ConsentQuestion } from './consent-question';
import { questionKey } from './consent-question';
import { LruCache } from '../lru-cache';

interface Entry {
  granted: boolean;
  /** Unix seconds; null = until revoked. */
  expiresAt: number | null;
}

/** The most answers a subgraph keeps by default (CONSENT_CACHE_MAX_ENTRIES). */
export const DEFAULT_CONSENT_CACHE_ENTRIES = 250_000;

export interface ConsentCacheOptions {
  /**
   * The most answers kept; the least recently used go first (shared/lru-cache.ts). An answer no longer
   * cached is read from the chain again when next asked, so the bound costs a cold
   * check, never a wrong answer. About 200 bytes each.
   */
  maxEntries?: number;
  /**
   * How long an event's block is remembered to refuse older reads of its key: longer
   * than any read can take (reads give up after CONSENT_RPC_TIMEOUT_MS).
   */
  changeGuardMs?: number;
  /** The clock (tests). */
  now?: () => number;
}

/**
 * Registry answers, kept until an event says they changed. An answer read at block
 * B is only stored if no event for its key was seen after B, so a revocation that
 * lands while a read is in flight is never overwritten by the older answer.
 *
 * Bounded: without a bound every patient, grantee, category and purpose ever asked
 * about (and every grant event on the chain) stayed in memory for good, gigabytes
 * per subgraph for a scan of a large population. The events' blocks are kept only
 * as long as a read started before them could still land.
 */
export class ConsentCache {
  private readonly entries: LruCache<string, Entry>;
  /** Per key, the last event's block and when it was applied; in the order applied. */
  private readonly changedAt = new Map<string, { block: number; appliedAt: number }>();
  private readonly changeGuardMs: number;
  private readonly now: () => number;

  constructor(options: ConsentCacheOptions = {}) {
    this.entries = new LruCache(Math.max(1, options.maxEntries ?? DEFAULT_CONSENT_CACHE_ENTRIES));
    this.changeGuardMs = options.changeGuardMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  get(question: ConsentQuestion): Entry | undefined {
    return this.entries.get(questionKey(question));
  }

  /** Stores an answer read from the chain at (or after) block `readAtBlock`. */
  setFromRead(question: ConsentQuestion, entry: Entry, readAtBlock: number): void {
    const key = questionKey(question);
    if ((this.changedAt.get(key)?.block ?? -1) > readAtBlock) return;
    this.entries.set(key, entry);
  }

  /** Applies a ConsentGranted / ConsentRevoked event. */
  applyEvent(question: ConsentQuestion, entry: Entry, blockNumber: number): void {
    const key = questionKey(question);
    const now = this.now();
    const block = Math.max(blockNumber, this.changedAt.get(key)?.block ?? -1);
    this.changedAt.delete(key);
    this.changedAt.set(key, { block, appliedAt: now });
    this.forgetOldChanges(now);
    this.entries.set(key, entry);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Event blocks still remembered (the guard against older reads). */
  get guardedKeys(): number {
    return this.changedAt.size;
  }

  /** Drops the blocks of events applied longer ago than any read in flight began. */
  private forgetOldChanges(now: number): void {
    for (const [key, change] of this.changedAt) {
      if (now - change.appliedAt <= this.changeGuardMs) return;
      this.changedAt.delete(key);
    }
  }
}

/** Whether a cached entry allows access at chain time `now` (seconds). */
export function isGranted(entry: Entry, now: number): boolean {
  return entry.granted && (entry.expiresAt === null || entry.expiresAt > now);
}
