import type { Decision, DecisionRecord } from '../consent/request-consent';

/**
 * One decision of an audit entry, as its list stores it:
 * [category, decision, field, subgraph, reason]. `subgraph` names the subgraph whose
 * policy layer decided when another process (the gateway) committed it; null when
 * the log's own process decided. `reason` is break-glass's stated reason, or null.
 */
export type StoredDecision = [string, Decision, string, string | null, string | null];

/** One decision of an entry, with names (for readers: the access log, tests). */
export interface EntryDecision {
  category: string;
  decision: string;
  field: string;
  subgraph: string | null;
  reason: string | null;
}

/** Where an entry keeps its decisions: a list, or (older entries) one in columns. */
export interface DecisionColumns {
  decisions: string | null;
  category: string | null;
  decision: string | null;
  field: string | null;
  reason: string | null;
}

export class AuditEntryFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditEntryFormatError';
  }
}

/** The stored form of `record` decided by `subgraph` (null: by the writing process). */
export function storedDecision(record: DecisionRecord, subgraph: string | null): StoredDecision {
  return [record.category, record.decision, record.field, subgraph, record.reason ?? null];
}

const nullableText = (value: unknown) => value === null || typeof value === 'string';

/**
 * The decisions of a stored entry, in the order they were made. Entries of one
 * decision (written before decision lists) give that one. A list that does not
 * read as decisions throws: the entry is not what the log wrote (audit verify
 * says whether it was altered).
 */
export function decisionsOfEntry(entry: DecisionColumns): EntryDecision[] {
  if (entry.decisions === null) {
    if (entry.category === null || entry.decision === null || entry.field === null)
      throw new AuditEntryFormatError('audit entry has neither a decision list nor a decision');
    return [
      {
        category: entry.category,
        decision: entry.decision,
        field: entry.field,
        subgraph: null,
        reason: entry.reason,
      },
    ];
  }
  let list: unknown;
  try {
    list = JSON.parse(entry.decisions);
  } catch {
    throw new AuditEntryFormatError('audit entry decision list is not JSON');
  }
  if (!Array.isArray(list) || list.length === 0)
    throw new AuditEntryFormatError('audit entry decision list is empty or not a list');
  return list.map((item: unknown) => {
    if (
      !Array.isArray(item) ||
      item.length !== 5 ||
      typeof item[0] !== 'string' ||
      typeof item[1] !== 'string' ||
      typeof item[2] !== 'string' ||
      !nullableText(item[3]) ||
      !nullableText(item[4])
    )
      throw new AuditEntryFormatError('audit entry decision list holds something else');
    const [category, decision, field, subgraph, reason] = item as StoredDecision;
    return { category, decision, field, subgraph, reason };
  });
}
