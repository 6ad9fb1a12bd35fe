import fs from 'node:fs';
import path from 'node:path';

/**
 * What to tell someone starting a stack in a state folder an earlier version
 * wrote: it kept every subgraph's audit log in one `data/audit.db`; now each
 * process writes `data/audit/<log id>.db`, and the access log and `audit verify`
 * read those. The old entries are kept, not moved: this says where they are.
 */
export function legacyAuditNotice(home: string, auditDatabaseUrl?: string): string | undefined {
  if (auditDatabaseUrl) return undefined;
  const legacy = path.join(home, 'data', 'audit.db');
  if (!fs.existsSync(legacy)) return undefined;
  return (
    `${legacy} holds audit entries written by an earlier version (one file for every subgraph). ` +
    'Subgraphs now keep one file each in data/audit/, which the access log and `audit verify` read; ' +
    `check the old file with: npx patientgraph audit verify --database file:${legacy}`
  );
}
