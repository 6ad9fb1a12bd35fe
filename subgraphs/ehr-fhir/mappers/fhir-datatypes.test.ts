import {
  toCodeableConcept,
  toCodeableConcepts,
  toQuantity,
  toReference,
  toRequiredConcept,
} from './fhir-datatypes';

describe('FHIR datatypes to GraphQL', () => {
  it('keeps every coding of a concept, in order, with its system', () => {
    expect(
      toCodeableConcept({
        coding: [
          { system: 'http://snomed.info/sct', code: '44054006', display: 'Diabetes' },
          { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'E11.9' },
        ],
        text: 'Diabetes',
      }),
    ).toEqual({
      coding: [
        {
          system: 'http://snomed.info/sct',
          version: null,
          code: '44054006',
          display: 'Diabetes',
          userSelected: null,
        },
        {
          system: 'http://hl7.org/fhir/sid/icd-10-cm',
          version: null,
          code: 'E11.9',
          display: null,
          userSelected: null,
        },
      ],
      text: 'Diabetes',
    });
  });

  it('is total: odd shapes give null or empty lists, never an exception', () => {
    expect(toCodeableConcept('E11.9')).toBeNull();
    expect(toCodeableConcept({ coding: 'x' })).toEqual({ coding: [], text: null });
    expect(toCodeableConcepts({ coding: [{ code: 'a' }] })).toHaveLength(1); // lone object taken as a list
    expect(toRequiredConcept(undefined)).toEqual({ coding: [], text: null });
    expect(toQuantity({ value: '5.0', unit: 'mg' })).toMatchObject({ value: null, unit: 'mg' });
    expect(toReference(null)).toBeNull();
  });
});
