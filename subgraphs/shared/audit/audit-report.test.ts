import type { DecisionRecord } from '../consent/request-consent';
import { AuditReportError, MAX_REPORTED_DECISIONS, parseAuditReport } from './audit-report';

const DECISION: DecisionRecord = {
  at: '2026-12-06T10:00:00.123Z',
  patientId: 'pg-0001',
  category: 'MENTAL_HEALTH',
  purpose: 'TREAT',
  decision: 'DENIED',
  field: 'Patient.conditions',
};

describe('parseAuditReport', () => {
  it('returns exactly the decisions reported, break-glass reasons included', () => {
    const breakGlass = { ...DECISION, decision: 'BREAK_GLASS', reason: 'unconscious patient' };
    expect(parseAuditReport({ decisions: [DECISION, breakGlass] })).toEqual([DECISION, breakGlass]);
    expect(parseAuditReport({ decisions: [] })).toEqual([]);
  });

  it('drops properties a decision does not have', () => {
    const [parsed] = parseAuditReport({ decisions: [{ ...DECISION, diagnosis: 'F32.1' }] });
    expect(parsed).toEqual(DECISION);
  });

  it.each([
    ['not an object', 'yes'],
    ['no decisions list', {}],
    ['a decision that is not an object', { decisions: [1] }],
    ['a missing patient', { decisions: [{ ...DECISION, patientId: '' }] }],
    ['an unknown decision', { decisions: [{ ...DECISION, decision: 'MAYBE' }] }],
    ['a timestamp that is not an instant', { decisions: [{ ...DECISION, at: 'yesterday' }] }],
    ['a category that is not a code', { decisions: [{ ...DECISION, category: 'labs; drop' }] }],
    ['a field that is not Type.field', { decisions: [{ ...DECISION, field: 'observations' }] }],
    ['a reason that is not text', { decisions: [{ ...DECISION, reason: 42 }] }],
  ])('refuses a report with %s, whole', (_, report) => {
    expect(() => parseAuditReport(report)).toThrow(AuditReportError);
  });

  it('refuses more decisions than a policy layer would ever report', () => {
    const decisions = new Array<DecisionRecord>(MAX_REPORTED_DECISIONS + 1).fill(DECISION);
    expect(() => parseAuditReport({ decisions })).toThrow(/more than/);
  });
});
