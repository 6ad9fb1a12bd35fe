import type { Logger } from '../logger';
import type { Requester } from '../requester';
import type { DecisionRecord } from '../consent/request-consent';
import { GENESIS_HASH, hashAuditEntry, type AuditEntryContent } from './audit-hash';
import type { AuditStore } from './audit-store';
import { storedDecision, type StoredDecision } from './audit-decisions';
import { AuditSyncError, type AuditRow, type AuditRowWriter } from './audit-writer';

export interface AuditHeadState {
  logId: string;
  seq: number;
  hash: string;
}

/** Decisions one subgraph reported, committed by another process (the gateway). */
export interface SubgraphReport {
  subgraph: string;
  decisions: DecisionRecord[];
}

/** Decisions of one request, made by `subgraph` (null: by this process). */
interface AppendPart {
  subgraph: string | null;
  records: DecisionRecord[];
}

/** One request's decisions waiting for the next commit, and who waits for it. */
interface PendingAppend {
  requester: Requester;
  requestId: string;
  parts: AppendPart[];
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * The key of an entry this process was about to write exists already: another
 * process (a second gateway or subgraph instance with the same AUDIT_LOG_ID)
 * appended to this chain since it was opened. SQLite and PostgreSQL wording.
 */
const CHAIN_TAKEN =
  /UNIQUE constraint failed: AuditEntry\.(id|logId)|duplicate key value violates unique constraint "AuditEntry_(pkey|logId_seq_key)"/;

/** One entry to write: a request's decisions about one patient, for one purpose. */
interface EntryToWrite {
  at: string;
  patientId: string;
  purpose: string;
  decisions: StoredDecision[];
}

/**
 * A request's decisions as entries: one per patient (and purpose), holding every
 * decision about that patient in the order made, whichever subgraph made it. A
 * patient summary is one entry, not one row per decision: each row costs index
 * updates and a hash, which made the commit several times dearer.
 */
function entriesOf(parts: readonly AppendPart[]): EntryToWrite[] {
  const byPatient = new Map<string, EntryToWrite>();
  for (const { subgraph, records } of parts) {
    for (const record of records) {
      const key = `${record.patientId}\n${record.purpose}`;
      let entry = byPatient.get(key);
      if (!entry) {
        entry = {
          at: record.at,
          patientId: record.patientId,
          purpose: record.purpose,
          decisions: [],
        };
        byPatient.set(key, entry);
      }
      if (record.at < entry.at) entry.at = record.at;
      entry.decisions.push(storedDecision(record, subgraph));
    }
  }
  return [...byPatient.values()];
}

/**
 * One process's hash chain in the audit store. Appends are serialised in this
 * process (one writer per chain), so the chain never forks, and every request's
 * decisions are committed before its response leaves.
 *
 * Group commit: while one write is in flight, the requests that finish meanwhile
 * queue, and the next write commits all of them in ONE transaction (one fsync,
 * one turn on the store's write lock, which the subgraphs sharing an audit
 * database queue on). Under load that is one commit per few requests instead of
 * one each; a lone request is written at once, as before. A failed commit fails
 * every request in it (fail closed): none of their responses is sent.
 */
export class AuditLog {
  private head: AuditHeadState;
  private pending: PendingAppend[] = [];
  private writing = false;

  private constructor(
    private readonly writer: AuditRowWriter,
    readonly logId: string,
    head: AuditHeadState,
    private readonly logger: Logger,
  ) {
    this.head = head;
  }

  /**
   * Opens the chain `logId`, continuing from its last entry in `store`; appends go
   * through `writer` (audit-writer.ts), which the caller closes.
   */
  static async open(
    store: AuditStore,
    writer: AuditRowWriter,
    logId: string,
    logger: Logger,
  ): Promise<AuditLog> {
    const last = await store.auditEntry.findFirst({ where: { logId }, orderBy: { seq: 'desc' } });
    return new AuditLog(
      writer,
      logId,
      { logId, seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH },
      logger,
    );
  }

  get currentHead(): AuditHeadState {
    return { ...this.head };
  }

  /**
   * Commits `records` (decided by this process for `requestId`) with the rest of
   * the pending batch; resolves once they are committed.
   */
  append(requester: Requester, requestId: string, records: DecisionRecord[]): Promise<void> {
    return this.enqueue(requester, requestId, [{ subgraph: null, records }]);
  }

  /**
   * Commits the decisions several subgraphs reported for one request, in one append
   * (all of them or none), each under its subgraph's name: the gateway's commit of
   * a federated query.
   */
  appendReports(
    requester: Requester,
    requestId: string,
    reports: readonly SubgraphReport[],
  ): Promise<void> {
    return this.enqueue(
      requester,
      requestId,
      reports.map((r) => ({ subgraph: r.subgraph, records: r.decisions })),
    );
  }

  private enqueue(requester: Requester, requestId: string, parts: AppendPart[]): Promise<void> {
    if (parts.every((part) => part.records.length === 0)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ requester, requestId, parts, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  /** Commits what is pending, batch after batch, until nothing is left. */
  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0);
        try {
          await this.write(batch);
          for (const append of batch) append.resolve();
        } catch (error) {
          for (const append of batch) append.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private async write(batch: readonly PendingAppend[]): Promise<void> {
    let { seq, hash } = this.head;
    const rows: AuditRow[] = [];
    for (const { requester, requestId, parts } of batch) {
      for (const entry of entriesOf(parts)) {
        seq += 1;
        const content: AuditEntryContent = {
          logId: this.logId,
          seq,
          at: entry.at,
          requestId,
          subject: requester.subject,
          organization: requester.organization,
          orgAddress: requester.orgAddress,
          patientId: entry.patientId,
          purpose: entry.purpose,
          decisions: JSON.stringify(entry.decisions),
          category: null,
          decision: null,
          field: null,
          reason: null,
        };
        const prevHash = hash;
        hash = hashAuditEntry(prevHash, content);
        rows.push({ id: `${this.logId}:${seq}`, ...content, prevHash, hash });
      }
    }
    try {
      await this.writer.insert(rows);
    } catch (error) {
      // Committed, only not synced: the rows hold their places in the chain, so the
      // next append must follow them (from the old head it would collide with them,
      // and every append after would fail until a restart).
      if (error instanceof AuditSyncError) this.head = { logId: this.logId, seq, hash };
      const message = (error as Error).message;
      this.logger.error(
        { err: { message }, logId: this.logId },
        CHAIN_TAKEN.test(message)
          ? 'audit append failed: another process writes this audit chain (AUDIT_LOG_ID must be unique per running process)'
          : 'audit append failed',
      );
      throw error;
    }
    this.head = { logId: this.logId, seq, hash };
  }
}
