import fs from 'node:fs';
import path from 'node:path';
import { sqliteFilePath } from '../store/database-url';

/**
 * Where audit logs live. AUDIT_DATABASE_URL names one store, or, with `{logId}`
 * in a SQLite file name, one store per writing process: SQLite lets one writer
 * at a time into a file, so four subgraphs appending to one audit file queued
 * for its lock on every request (4.4 ms for three appends at once, against
 * 1.1 ms in three files). Readers (the patient's access log, `patientgraph audit
 * verify`) find every store the pattern names. PostgreSQL takes concurrent
 * writers as they come: there, one store (schema) holds every log.
 */
export const LOG_ID_PLACEHOLDER = '{logId}';

/** Audit log ids become file names: letters, digits, `.`, `_` and `-` only. */
const SAFE_LOG_ID = /^[A-Za-z0-9._-]+$/;

export function isPerLogPattern(url: string): boolean {
  return url.includes(LOG_ID_PLACEHOLDER);
}

/** Why `url` cannot be an audit store pattern, or undefined when it can. */
export function auditUrlProblem(url: string, logId: string): string | undefined {
  if (!isPerLogPattern(url)) return undefined;
  if (!url.startsWith('file:')) {
    return `AUDIT_DATABASE_URL: ${LOG_ID_PLACEHOLDER} is for SQLite file names (PostgreSQL keeps every log in one store)`;
  }
  const file = sqliteFilePath(url);
  if (path.dirname(file).includes(LOG_ID_PLACEHOLDER)) {
    return `AUDIT_DATABASE_URL: ${LOG_ID_PLACEHOLDER} may only appear in the file name, not in a folder`;
  }
  if (!SAFE_LOG_ID.test(logId)) {
    return `AUDIT_LOG_ID "${logId}" names a file: use letters, digits, ".", "_" and "-" only`;
  }
  return undefined;
}

/** The store this process writes its log `logId` to. */
export function auditUrlFor(url: string, logId: string): string {
  const problem = auditUrlProblem(url, logId);
  if (problem) throw new Error(problem);
  return url.split(LOG_ID_PLACEHOLDER).join(logId);
}

/**
 * Every audit store `url` names that exists now: the URL itself, or, for a
 * per-log pattern, one URL per matching file (sorted, so reports are stable).
 */
export function auditStoreUrls(url: string): string[] {
  if (!isPerLogPattern(url)) return [url];
  const file = sqliteFilePath(url);
  const query = url.slice('file:'.length + file.length);
  const folder = path.dirname(file);
  const [prefix, suffix] = path.basename(file).split(LOG_ID_PLACEHOLDER) as [string, string];
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .filter((name) => {
      if (!name.startsWith(prefix) || !name.endsWith(suffix)) return false;
      const logId = name.slice(prefix.length, name.length - suffix.length);
      return logId.length > 0 && SAFE_LOG_ID.test(logId);
    })
    .sort()
    .map((name) => `file:${path.join(folder, name)}${query}`);
}
