import { indexResource } from './index-resource';

describe('indexResource', () => {
  it('indexes an observation: patient, status, time and code/category tokens', () => {
    expect(
      indexResource({
        resourceType: 'Observation',
        status: 'final',
        category: [
          {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/observation-category',
                code: 'laboratory',
              },
            ],
          },
        ],
        code: { coding: [{ system: 'http://loinc.org', code: '2345-7' }, { code: 'GLU' }] },
        subject: { reference: 'https://ehr.example/fhir/Patient/p1' },
        effectiveDateTime: '2024-03-01T10:00:00+02:00',
      }),
    ).toEqual({
      patientId: 'p1',
      status: 'final',
      dateStart: '2024-03-01T08:00:00.000Z',
      dateEnd: '2024-03-01T08:00:00.000Z',
      tokens: [
        { param: 'code', system: 'http://loinc.org', code: '2345-7' },
        { param: 'code', system: '', code: 'GLU' },
        {
          param: 'category',
          system: 'http://terminology.hl7.org/CodeSystem/observation-category',
          code: 'laboratory',
        },
      ],
    });
  });

  it("uses each type's own elements: Condition clinical status, Immunization patient and vaccineCode", () => {
    const condition = indexResource({
      resourceType: 'Condition',
      clinicalStatus: { coding: [{ code: 'resolved' }] },
      subject: { reference: 'Patient/p2' },
      onsetDateTime: '2019-05',
    });
    expect(condition).toMatchObject({
      patientId: 'p2',
      status: 'resolved',
      dateStart: '2019-05-01T00:00:00.000Z',
      dateEnd: '2019-05-31T23:59:59.999Z',
    });
    const immunization = indexResource({
      resourceType: 'Immunization',
      patient: { reference: 'Patient/p3' },
      vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '140' }] },
    });
    expect(immunization.patientId).toBe('p3');
    expect(immunization.tokens).toContainEqual({
      param: 'code',
      system: 'http://hl7.org/fhir/sid/cvx',
      code: '140',
    });
  });

  it('leaves shared resources outside any patient compartment', () => {
    expect(
      indexResource({ resourceType: 'Organization', identifier: [{ system: 's', value: 'v' }] }),
    ).toMatchObject({
      patientId: null,
      tokens: [{ param: 'identifier', system: 's', code: 'v' }],
    });
  });
});
