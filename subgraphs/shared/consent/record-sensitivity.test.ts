import { sensitiveCategoriesOf } from './record-sensitivity';

const icd = (code: string) => ({ system: 'http://hl7.org/fhir/sid/icd-10-cm', code });

describe('sensitiveCategoriesOf', () => {
  it('classifies ICD-10 chapters, keeping substance use apart from mental health', () => {
    expect(sensitiveCategoriesOf([icd('F32.9')])).toEqual(['MENTAL_HEALTH']);
    expect(sensitiveCategoriesOf([icd('F11.10')])).toEqual(['SUBSTANCE_USE']);
    expect(sensitiveCategoriesOf([icd('F10.20')])).toEqual(['SUBSTANCE_USE']);
    expect(sensitiveCategoriesOf([icd('F09')])).toEqual(['MENTAL_HEALTH']);
    expect(sensitiveCategoriesOf([icd('f99')])).toEqual(['MENTAL_HEALTH']);
    expect(sensitiveCategoriesOf([icd('B20')])).toEqual(['HIV']);
    expect(sensitiveCategoriesOf([icd('A56.2')])).toEqual(['SEXUAL_REPRODUCTIVE']);
    expect(sensitiveCategoriesOf([icd('Z15.01')])).toEqual(['GENETICS']);
  });

  it('leaves ordinary diagnoses, tests and drugs alone', () => {
    expect(sensitiveCategoriesOf([icd('E11.9'), icd('I10'), icd('G00.0')])).toEqual([]);
    expect(sensitiveCategoriesOf([{ system: 'http://loinc.org', code: '4548-4' }])).toEqual([]);
    expect(
      sensitiveCategoriesOf([
        { system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '860975' },
      ]),
    ).toEqual([]);
  });

  it('matches SNOMED, LOINC, RxNorm and security labels, and unions categories', () => {
    expect(
      sensitiveCategoriesOf([
        { system: 'http://snomed.info/sct', code: '370143000' },
        { system: 'http://loinc.org', code: '75622-1' },
        { system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '1010600' },
        { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'GDIS' },
      ]),
    ).toEqual(['GENETICS', 'HIV', 'MENTAL_HEALTH', 'SUBSTANCE_USE']);
  });

  it('requires the system to match, not only the code', () => {
    expect(
      sensitiveCategoriesOf([{ system: 'http://example.org/local', code: '370143000' }]),
    ).toEqual([]);
    expect(sensitiveCategoriesOf([{ code: 'F32.9' }])).toEqual([]);
  });
});
