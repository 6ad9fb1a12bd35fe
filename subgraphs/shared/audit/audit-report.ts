import type { Decision, DecisionRecord } from '../consent/request-consent';

/**
 * The response extension in which a subgraph hands its consent decisions to the
 * gateway when the gateway holds audit custody of the request (assertion claim
 * `audit: gateway`): `extensions.patientgraphAudit = { decisions: [...] }`. The
 * gateway commits them to its own audit log before any of the answer reaches the
 * requester, and never forwards the extension.
 */
export const AUDIT_REPORT_EXTENSION = 'patientgraphAudit';

export interface AuditReport {
  decisions: DecisionRecord[];
}

export class AuditReportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditReportError';
  }
}

const DECISIONS: ReadonlySet<string> = new Set<Decision>([
  'GRANTED',
  'DENIED',
  'BREAK_GLASS',
  'UNAVAILABLE',
]);
/** More decisions than this in one answer is not a policy layer talking: refuse it. */
export const MAX_REPORTED_DECISIONS = 100_000;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const CODE = /^[A-Z][A-Z0-9_-]{0,63}$/;
const FIELD = /^[_A-Za-z][_0-9A-Za-z]{0,127}\.[_A-Za-z][_0-9A-Za-z]{0,127}$/;

function text(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}

function problemOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an object';
  const r = value as Record<string, unknown>;
  if (!text(r.at, 40) || !ISO_INSTANT.test(r.at)) return 'at is not an ISO instant';
  if (!text(r.patientId, 256)) return 'patientId is missing';
  if (!text(r.category, 64) || !CODE.test(r.category)) return 'category is not a code';
  // The purpose is the token's, as the requester stated it (any text; consent decides).
  if (!text(r.purpose, 256)) return 'purpose is missing';
  if (typeof r.decision !== 'string' || !DECISIONS.has(r.decision)) return 'unknown decision';
  if (!text(r.field, 257) || !FIELD.test(r.field)) return 'field is not Type.field';
  if (r.reason !== undefined && r.reason !== null && !text(r.reason, 2_000))
    return 'reason is not text';
  return undefined;
}

/**
 * The decisions of a subgraph's audit report, checked field by field: the gateway
 * commits exactly what the subgraph decided or refuses the subgraph's answer
 * (AuditReportError), never a part of it.
 */
export function parseAuditReport(value: unknown): DecisionRecord[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new AuditReportError('audit report is not an object');
  const decisions = (value as { decisions?: unknown }).decisions;
  if (!Array.isArray(decisions)) throw new AuditReportError('audit report has no decisions list');
  if (decisions.length > MAX_REPORTED_DECISIONS)
    throw new AuditReportError(`audit report has more than ${MAX_REPORTED_DECISIONS} decisions`);
  return decisions.map((decision: unknown, i) => {
    const problem = problemOf(decision);
    if (problem) throw new AuditReportError(`audit report decision ${i}: ${problem}`);
    const r = decision as DecisionRecord;
    return {
      at: r.at,
      patientId: r.patientId,
      category: r.category,
      purpose: r.purpose,
      decision: r.decision,
      field: r.field,
      ...(typeof r.reason === 'string' ? { reason: r.reason } : {}),
    };
  });
}
