import { fhirEncounterToEncounter } from './fhir-encounter-to-encounter';

describe('fhirEncounterToEncounter', () => {
  it('maps a Synthea-style encounter', () => {
    const encounter = fhirEncounterToEncounter(
      {
        resourceType: 'Encounter',
        id: 'e1',
        status: 'finished',
        class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
        type: [
          { coding: [{ system: 'http://snomed.info/sct', code: '185349003' }], text: 'Check up' },
        ],
        subject: { reference: 'Patient/p1' },
        participant: [
          { individual: { reference: 'Practitioner/d1', display: 'Dr. X' } },
          { type: [] },
        ],
        period: { start: '2010-12-31T01:17:52+00:00', end: '2010-12-31T01:47:52+00:00' },
        serviceProvider: { reference: 'Organization/o1' },
      },
      'https://ehr.example/fhir',
    );
    expect(encounter.class).toMatchObject({ code: 'AMB' });
    expect(encounter.type[0]!.text).toBe('Check up');
    expect(encounter.period).toEqual({
      start: '2010-12-31T01:17:52+00:00',
      end: '2010-12-31T01:47:52+00:00',
    });
    expect(encounter.participant).toEqual([
      { reference: 'Practitioner/d1', type: null, display: 'Dr. X' },
    ]);
    expect(encounter.serviceProvider?.reference).toBe('Organization/o1');
    expect(encounter.hospitalization).toBeNull();
    expect(encounter.source.recordId).toBe('Encounter/e1');
  });

  it('reads an R5-style class (CodeableConcept list) as its first coding', () => {
    const encounter = fhirEncounterToEncounter(
      {
        resourceType: 'Encounter',
        id: 'e2',
        status: 'in-progress',
        class: [{ coding: [{ code: 'IMP' }] }],
      },
      'https://ehr.example/fhir',
    );
    expect(encounter.class?.code).toBe('IMP');
  });
});
