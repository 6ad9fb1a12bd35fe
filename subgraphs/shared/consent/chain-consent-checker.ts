import type { ConsentRegistry } from '../../../contracts/consent-registry';
import type { Logger } from '../logger';
import { isGranted, type ConsentCache } from './consent-cache';
import type { ConsentEventFollower } from './consent-event-follower';
import type { ConsentAnswer, ConsentChecker, ConsentQuestion } from './consent-question';
import { withTimeout } from './with-timeout';

/**
 * Answers consent questions from the on-chain registry through an event-following
 * cache. While the follower is fresh, cached answers are used and misses are read
 * in ONE batched eth_call; when it is not, every question goes to the chain, and
 * if the chain cannot answer, the answer is `unavailable` (never `granted`).
 */
export class ChainConsentChecker implements ConsentChecker {
  constructor(
    private readonly registry: ConsentRegistry,
    private readonly cache: ConsentCache,
    private readonly follower: ConsentEventFollower,
    private readonly logger: Logger,
    private readonly rpcTimeoutMs = 2_000,
  ) {}

  async check(questions: readonly ConsentQuestion[]): Promise<ConsentAnswer[]> {
    const fresh = this.follower.isFresh();
    const now = this.follower.chainNow();
    const answers: (ConsentAnswer | undefined)[] = questions.map((q) => {
      if (!fresh) return undefined;
      const cached = this.cache.get(q);
      return cached ? (isGranted(cached, now) ? 'granted' : 'denied') : undefined;
    });
    const misses = questions.filter((_, i) => answers[i] === undefined);
    if (misses.length === 0) return answers as ConsentAnswer[];
    const readAtBlock = this.follower.processedBlock;
    try {
      const statuses = await withTimeout(
        this.registry.consentStatusBatch(
          misses.map((q) => ({
            patient: q.patientAddress,
            grantee: q.grantee,
            category: q.category,
            purpose: q.purpose,
          })),
        ),
        this.rpcTimeoutMs,
        'consentStatusBatch',
      );
      let m = 0;
      return answers.map((answer, i) => {
        if (answer) return answer;
        const status = statuses[m++]!;
        const entry = {
          granted: status.granted,
          expiresAt: status.granted ? status.expiresAt : null,
        };
        this.cache.setFromRead(questions[i]!, entry, readAtBlock);
        return isGranted(entry, now) ? 'granted' : 'denied';
      });
    } catch (error) {
      this.logger.warn(
        { err: { message: (error as Error).message }, questions: misses.length },
        'consent registry unavailable',
      );
      return answers.map((answer) => answer ?? 'unavailable');
    }
  }
}
