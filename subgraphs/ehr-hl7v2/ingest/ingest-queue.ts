import type { Logger } from '../../shared/logger';
import type { IngestPlan } from './ingest-plan';
import { writePlans, type WriteOutcome } from './ingest-writer';
import type { SqlDatabase } from '../../shared/store/sql-database';
import { errorFields } from '../log-fields';

export type QueueOutcome = WriteOutcome | { status: 'failed' };

interface Pending {
  plan: IngestPlan;
  resolve: (outcome: QueueOutcome) => void;
}

export interface IngestQueueOptions {
  /** Most messages written in one transaction. */
  maxBatch?: number;
  /** Told which local patients need (re)linking after each commit. */
  onRelink?: (patientIds: string[]) => void;
}

/**
 * Group commit for every connection's messages: while one transaction is being
 * written, arriving messages queue, and the next transaction takes them all (up
 * to maxBatch). One writer at a time also keeps a patient's messages in arrival
 * order. When a batch fails, its messages are retried one per transaction, so a
 * message the store refuses fails alone.
 */
export class IngestQueue {
  private readonly pending: Pending[] = [];
  private running: Promise<void> | null = null;
  private readonly maxBatch: number;

  constructor(
    private readonly db: SqlDatabase,
    private readonly logger: Logger,
    private readonly options: IngestQueueOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 250;
  }

  submit(plan: IngestPlan): Promise<QueueOutcome> {
    return new Promise((resolve) => {
      this.pending.push({ plan, resolve });
      this.kick();
    });
  }

  private kick(): void {
    if (this.running) return;
    this.running = this.drain().finally(() => {
      this.running = null;
      // Submitted after the drain loop ended but before this ran.
      if (this.pending.length > 0) this.kick();
    });
  }

  /** Resolves once everything submitted so far is written. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private takeBatch(): Pending[] {
    // A merge rewrites other rows wholesale: it goes in a transaction of its own.
    if (this.pending[0]!.plan.merges.length > 0) return this.pending.splice(0, 1);
    let size = 0;
    while (
      size < this.pending.length &&
      size < this.maxBatch &&
      this.pending[size]!.plan.merges.length === 0
    ) {
      size++;
    }
    return this.pending.splice(0, size);
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.takeBatch();
      try {
        await this.write(batch);
      } catch (error) {
        this.logger.warn(
          { ...errorFields(error), size: batch.length },
          'batch write failed; retrying its messages one by one',
        );
        for (const item of batch) await this.writeAlone(item);
      }
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    const started = Date.now();
    const result = await writePlans(
      this.db,
      batch.map((item) => item.plan),
      new Date(),
    );
    this.logger.debug({ messages: batch.length, ms: Date.now() - started }, 'batch written');
    batch.forEach((item, index) => item.resolve(result.outcomes[index]!));
    if (result.relinkPatientIds.length) this.options.onRelink?.(result.relinkPatientIds);
  }

  private async writeAlone(item: Pending): Promise<void> {
    // Twice: a second attempt sees a concurrent writer's row (a resend racing
    // through another replica) as the duplicate it is.
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        await this.write([item]);
        return;
      } catch (error) {
        if (attempt === 2) {
          this.logger.error(
            {
              ...errorFields(error),
              controlId: item.plan.header.controlId,
            },
            'message could not be stored',
          );
          item.resolve({ status: 'failed' });
        }
      }
    }
  }
}
