import type { Logger } from '../../shared/logger';
import type { IdentityClient } from '../../shared/patient/identity-client';
import type { WearablesStore } from '../store';
import { linkAccount, type LinkPolicy } from './link-account';

const BATCH = 25;

/**
 * Retries pending device links in the background: every `intervalMs` it takes
 * the accounts whose retry is due and asks identity again. One pass at a time;
 * `stop()` waits for the pass in flight so the store is not closed under it.
 */
export class LinkRetrier {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly store: WearablesStore,
    private readonly identity: IdentityClient,
    private readonly policy: LinkPolicy & { intervalMs: number },
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .then(() => undefined)
        .catch((error: unknown) =>
          this.logger.error({ err: { name: (error as Error)?.name } }, 'link retry pass failed'),
        )
        .finally(() => {
          this.running = undefined;
          this.schedule();
        });
    }, this.policy.intervalMs);
    this.timer.unref();
  }

  /** One pass over the due accounts; returns how many were linked. */
  async runOnce(now = Date.now()): Promise<number> {
    let linked = 0;
    for (;;) {
      const due = await this.store.deviceAccount.findMany({
        where: { linkStatus: 'pending', nextLinkAtMs: { lte: BigInt(now) } },
        orderBy: { nextLinkAtMs: 'asc' },
        take: BATCH,
      });
      for (const account of due) {
        if (this.stopped) return linked;
        const status = await linkAccount(
          this.store,
          this.identity,
          account,
          this.policy,
          this.logger,
          now,
        );
        if (status === 'linked') linked++;
      }
      if (due.length < BATCH) return linked;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
