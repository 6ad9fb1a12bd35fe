import { id } from 'ethers';
import type { ConsentRegistry } from '../../../contracts/consent-registry';
import type { Logger } from '../logger';
import type { AuditLog } from './audit-log';

/** The bytes32 id a named audit chain is anchored under on chain. */
export function anchorLogId(logId: string): string {
  return id(`patientgraph.audit:${logId}`);
}

/**
 * Anchors an audit chain's head on chain every `intervalMs` when it moved, so that
 * rewriting the log (even with database rights) is detectable against the chain.
 * The head hash is a hash of hashes: it reveals nothing about the entries.
 */
export class AuditAnchorer {
  private lastAnchoredSeq = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly log: AuditLog,
    private readonly registry: ConsentRegistry,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.anchorNow(), this.intervalMs);
    this.timer.unref();
  }

  /** Anchors the current head if it is newer than the last anchored one. */
  anchorNow(): Promise<void> {
    this.running ??= this.anchor().finally(() => (this.running = undefined));
    return this.running;
  }

  private async anchor(): Promise<void> {
    const head = this.log.currentHead;
    if (head.seq <= this.lastAnchoredSeq) return;
    try {
      await this.registry.anchorAuditHead({
        logId: anchorLogId(head.logId),
        headHash: head.hash,
        entryCount: head.seq,
      });
      this.lastAnchoredSeq = head.seq;
      this.logger.info({ logId: head.logId, entryCount: head.seq }, 'audit head anchored');
    } catch (error) {
      this.logger.warn(
        { err: { message: (error as Error).message }, logId: head.logId },
        'audit anchoring failed; will retry',
      );
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.anchorNow();
  }
}
