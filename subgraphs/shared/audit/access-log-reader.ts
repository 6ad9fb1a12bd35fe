import {
  openNativeDatabase,
  type NativeDatabase,
  type NativeStatement,
} from '../store/native-libsql';
import { sqliteFilePath } from '../store/database-url';
import { auditStoreUrls, isPerLogPattern } from './audit-locations';
import type { AuditStore, StoredAuditEntry } from './audit-store';

/** A patient's access log: the audit entries about them, from every process's log. */
export interface AccessLogReader {
  /**
   * The newest `first` entries about `patientId`, newest first, over every audit
   * store (an entry holds one or more decisions: audit-decisions.ts).
   */
  entriesFor(patientId: string, first: number): Promise<StoredAuditEntry[]>;
  close(): void;
}

const NEWEST_FIRST =
  'SELECT * FROM "AuditEntry" WHERE "patientId" = ? ORDER BY "at" DESC, "seq" DESC LIMIT ?';

function byNewest(a: StoredAuditEntry, b: StoredAuditEntry): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  if (a.logId !== b.logId) return a.logId < b.logId ? -1 : 1;
  return b.seq - a.seq;
}

function asEntry(row: Record<string, unknown>): StoredAuditEntry {
  const text = (key: string) => String(row[key]);
  const optional = (key: string) => (row[key] == null ? null : String(row[key]));
  return {
    id: text('id'),
    logId: text('logId'),
    seq: Number(row.seq),
    at: text('at'),
    requestId: text('requestId'),
    subject: text('subject'),
    organization: text('organization'),
    orgAddress: optional('orgAddress'),
    patientId: text('patientId'),
    purpose: text('purpose'),
    // A file not yet migrated to decision lists has no such column: undefined -> null.
    decisions: optional('decisions'),
    category: optional('category'),
    decision: optional('decision'),
    field: optional('field'),
    reason: optional('reason'),
    prevHash: text('prevHash'),
    hash: text('hash'),
  };
}

/**
 * Reads the access log where the audit logs are (`pattern`, AUDIT_DATABASE_URL):
 * from this process's own store through its client, and, when each process keeps
 * its own SQLite file, from every other file the pattern names too, on read-only
 * connections opened as files appear (a process started later brings a new one).
 */
export function openAccessLogReader(
  pattern: string,
  own: { url: string; store: AuditStore },
): AccessLogReader {
  const others = new Map<string, { db: NativeDatabase; newestFirst: NativeStatement }>();
  const fromOwn = (patientId: string, first: number) =>
    own.store.auditEntry.findMany({
      where: { patientId },
      orderBy: [{ at: 'desc' }, { seq: 'desc' }],
      take: first,
    });
  const fromFile = (url: string, patientId: string, first: number): StoredAuditEntry[] => {
    const file = sqliteFilePath(url);
    let reader = others.get(file);
    if (!reader) {
      const db = openNativeDatabase(file);
      db.prepare('PRAGMA query_only = 1').all();
      db.prepare('PRAGMA busy_timeout = 2000').all();
      try {
        reader = { db, newestFirst: db.prepare(NEWEST_FIRST) };
      } catch (error) {
        db.close();
        // A process that has created its file but not migrated it yet has written nothing.
        if (/no such table/i.test((error as Error).message)) return [];
        throw error;
      }
      others.set(file, reader);
    }
    return reader.newestFirst.all(patientId, first).map(asEntry);
  };
  return {
    async entriesFor(patientId, first) {
      if (!isPerLogPattern(pattern)) return fromOwn(patientId, first);
      const entries = await fromOwn(patientId, first);
      for (const url of auditStoreUrls(pattern)) {
        if (sqliteFilePath(url) === sqliteFilePath(own.url)) continue;
        entries.push(...fromFile(url, patientId, first));
      }
      return entries.sort(byNewest).slice(0, first);
    },
    close() {
      for (const { db } of others.values()) db.close();
      others.clear();
    },
  };
}
