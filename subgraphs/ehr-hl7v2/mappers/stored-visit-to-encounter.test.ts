import fs from 'node:fs';
import path from 'node:path';
import { planOf, visitRowOf } from '../testing/planned-rows';
import { visitStatusAfter } from './pv1-to-visit';
import { storedVisitToEncounter } from './stored-visit-to-encounter';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'hl7v2');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

describe('storedVisitToEncounter', () => {
  it('maps a v2.5.1 A01 inpatient visit (class, location, attending, service, admit source)', () => {
    const plan = planOf(fixture('ADT01-28.hl7'));
    const encounter = storedVisitToEncounter(visitRowOf(plan, 'in-progress'));
    expect(encounter).toMatchObject({
      status: 'in-progress',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' },
      serviceType: { coding: [{ code: 'SUR' }] },
      // No PV1-44: the A01's EVN-2 stands in for the admission time.
      period: { start: '2007-08-18T11:23:00+07:00', end: null },
      hospitalization: { admitSource: { coding: [{ code: 'ADM' }] } },
      location: [{ location: { display: '2000 2012 01' }, status: 'active' }],
      participant: [{ type: 'Practitioner', display: 'AARON A ATTEND' }],
      source: { subgraph: 'ehr-hl7v2', recordId: 'MSG00001/PV1', format: 'HL7 v2.5.1' },
    });
  });

  it('maps an emergency registration (v2.3 A04) and the visit number as record id', () => {
    const a04 = storedVisitToEncounter(visitRowOf(planOf(fixture('ADT04-251.hl7')), 'in-progress'));
    expect(a04).toMatchObject({
      class: { code: 'EMER', display: 'emergency' },
      period: { start: '2019-05-04T18:12:05+07:00', end: null },
      participant: [{ display: 'Peter Johnson' }],
    });
    const v23 = storedVisitToEncounter(visitRowOf(planOf(fixture('ADT01-23.hl7')), 'in-progress'));
    expect(v23.source.recordId).toBe('40007716');
    expect(v23.type).toEqual([
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v2-0007',
            code: '3',
            display: null,
            version: null,
            userSelected: null,
          },
        ],
        text: null,
      },
    ]);
  });

  it('derives the status from the ADT events', () => {
    expect(visitStatusAfter('A01', null, false)).toBe('in-progress');
    expect(visitStatusAfter('A05', null, false)).toBe('planned');
    expect(visitStatusAfter('A03', 'in-progress', true)).toBe('finished');
    expect(visitStatusAfter('A11', 'in-progress', false)).toBe('cancelled');
    expect(visitStatusAfter('A13', 'finished', false)).toBe('in-progress');
    expect(visitStatusAfter('A08', 'finished', true)).toBe('finished');
    expect(visitStatusAfter('A08', null, false)).toBe('in-progress');
    expect(visitStatusAfter('R01', null, false)).toBe('unknown');
  });
});
