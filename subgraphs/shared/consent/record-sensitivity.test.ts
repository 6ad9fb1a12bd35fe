import { ConsentCategory as C } from '../../../contracts/consent-codes';
import { sensitiveCategoriesOf } from './record-sensitivity';

const icd = (code: string) => ({ system: 'http://hl7.org/fhir/sid/icd-10-cm', code });

describe('sensitiveCategoriesOf', () => {
  it('classifies ICD-10 chapters, keeping substance use apart from mental health', () => {
    expect(sensitiveCategoriesOf([icd('F32.9')])).toEqual([C.MentalHealth]);
    expect(sensitiveCategoriesOf([icd('F11.10')])).toEqual([C.SubstanceUse]);
    expect(sensitiveCategoriesOf([icd('F10.20')])).toEqual([C.SubstanceUse]);
    expect(sensitiveCategoriesOf([icd('F09')])).toEqual([C.MentalHealth]);
    expect(sensitiveCategoriesOf([icd('f99')])).toEqual([C.MentalHealth]);
    expect(sensitiveCategoriesOf([icd('B20')])).toEqual([C.Hiv]);
    expect(sensitiveCategoriesOf([icd('A56.2')])).toEqual([C.SexualReproductiveHealth]);
    expect(sensitiveCategoriesOf([icd('Z15.01')])).toEqual([C.Genetics]);
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
    ).toEqual([C.MentalHealth, C.SubstanceUse, C.Hiv, C.Genetics]);
  });

  it('requires the system to match, not only the code', () => {
    expect(
      sensitiveCategoriesOf([{ system: 'http://example.org/local', code: '370143000' }]),
    ).toEqual([]);
    expect(sensitiveCategoriesOf([{ code: 'F32.9' }])).toEqual([]);
  });
});
