import type { DecisionRecord } from '../consent/request-consent';
import { AuditEntryFormatError, decisionsOfEntry, storedDecision } from './audit-decisions';

const NO_COLUMNS = { category: null, decision: null, field: null, reason: null };

describe('decisionsOfEntry', () => {
  it('reads a decision list in the order the decisions were made, subgraphs and reasons kept', () => {
    const records: DecisionRecord[] = [
      {
        at: '2026-12-06T10:00:00.000Z',
        patientId: 'p1',
        category: 'LABS',
        purpose: 'ETREAT',
        decision: 'BREAK_GLASS',
        field: 'Patient.labResults',
        reason: 'unconscious patient',
      },
      {
        at: '2026-12-06T10:00:00.001Z',
        patientId: 'p1',
        category: 'DEMOGRAPHICS',
        purpose: 'ETREAT',
        decision: 'BREAK_GLASS',
        field: 'Patient.name',
      },
    ];
    const decisions = JSON.stringify(records.map((r) => storedDecision(r, 'ehr-hl7v2')));
    expect(decisionsOfEntry({ decisions, ...NO_COLUMNS })).toEqual([
      {
        category: 'LABS',
        decision: 'BREAK_GLASS',
        field: 'Patient.labResults',
        subgraph: 'ehr-hl7v2',
        reason: 'unconscious patient',
      },
      {
        category: 'DEMOGRAPHICS',
        decision: 'BREAK_GLASS',
        field: 'Patient.name',
        subgraph: 'ehr-hl7v2',
        reason: null,
      },
    ]);
  });

  it('reads the one decision of an entry written before decision lists', () => {
    expect(
      decisionsOfEntry({
        decisions: null,
        category: 'LABS',
        decision: 'DENIED',
        field: 'Patient.observations',
        reason: null,
      }),
    ).toEqual([
      {
        category: 'LABS',
        decision: 'DENIED',
        field: 'Patient.observations',
        subgraph: null,
        reason: null,
      },
    ]);
  });

  it.each([
    ['neither a list nor a decision', null],
    ['a list that is not JSON', '[["LABS"'],
    ['an empty list', '[]'],
    ['a decision of the wrong shape', '[["LABS","GRANTED"]]'],
    ['a decision with a number for a field', '[["LABS","GRANTED",7,null,null]]'],
  ])('refuses %s', (_, decisions) => {
    expect(() => decisionsOfEntry({ decisions, ...NO_COLUMNS })).toThrow(AuditEntryFormatError);
  });
});
