import type { Logger } from '../logger';
import type { Requester } from '../requester';
import type { DecisionRecord } from '../consent/request-consent';
import { GENESIS_HASH, hashAuditEntry, type AuditEntryContent } from './audit-hash';
import type { AuditStore } from './audit-store';

export interface AuditHeadState {
  logId: string;
  seq: number;
  hash: string;
}

/**
 * One process's hash chain in the audit store. Appends are serialised in this
 * process (one writer per chain), so the chain never forks; each batch (one
 * request's decisions) is written in one transaction before the response leaves.
 */
export class AuditLog {
  private head: AuditHeadState;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly store: AuditStore,
    readonly logId: string,
    head: AuditHeadState,
    private readonly logger: Logger,
  ) {
    this.head = head;
  }

  /** Opens the chain `logId`, continuing from its last entry. */
  static async open(store: AuditStore, logId: string, logger: Logger): Promise<AuditLog> {
    const last = await store.auditEntry.findFirst({ where: { logId }, orderBy: { seq: 'desc' } });
    return new AuditLog(
      store,
      logId,
      { logId, seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH },
      logger,
    );
  }

  get currentHead(): AuditHeadState {
    return { ...this.head };
  }

  append(requester: Requester, requestId: string, records: DecisionRecord[]): Promise<void> {
    const run = this.queue.then(() => this.write(requester, requestId, records));
    // The queue must survive a failed write; the failure itself goes to the caller.
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(
    requester: Requester,
    requestId: string,
    records: DecisionRecord[],
  ): Promise<void> {
    let { seq, hash } = this.head;
    const rows = records.map((record) => {
      seq += 1;
      const content: AuditEntryContent = {
        logId: this.logId,
        seq,
        at: record.at,
        requestId,
        subject: requester.subject,
        organization: requester.organization,
        orgAddress: requester.orgAddress,
        patientId: record.patientId,
        category: record.category,
        purpose: record.purpose,
        decision: record.decision,
        field: record.field,
        reason: record.reason ?? null,
      };
      hash = hashAuditEntry(hash, content);
      return { id: `${this.logId}:${seq}`, ...content, prevHash: this.head.hash, hash };
    });
    // prevHash of each row is the hash of the row before it.
    for (let i = 1; i < rows.length; i++) rows[i]!.prevHash = rows[i - 1]!.hash;
    try {
      await this.store.auditEntry.createMany({ data: rows });
    } catch (error) {
      this.logger.error(
        { err: { message: (error as Error).message }, logId: this.logId },
        'audit append failed',
      );
      throw error;
    }
    this.head = { logId: this.logId, seq, hash };
  }
}
