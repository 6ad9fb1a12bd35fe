import { ConsentCategory as C } from '../../../contracts/consent-codes';
import { sensitiveCategoriesOf, sensitivityClassifier } from './record-sensitivity';
import { SENSITIVITY_RULES } from './sensitivity-rules';

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

describe('the rule index', () => {
  // The index must classify exactly as the rule table reads, rule by rule: every
  // exact code and both ends of every range land in the rule's category, and a
  // code just past a range's end does not (unless another rule covers it).
  it('puts every rule of the table in its category, for each of its systems', () => {
    for (const rule of SENSITIVITY_RULES) {
      for (const system of rule.systems) {
        const codes = 'code' in rule.match ? [rule.match.code] : [rule.match.from, rule.match.to];
        for (const code of codes) {
          expect({
            rule: rule.why,
            system,
            found: sensitiveCategoriesOf([{ system, code }]),
          }).toEqual(expect.objectContaining({ found: expect.arrayContaining([rule.category]) }));
        }
      }
    }
  });

  it('keeps exact codes exact, ranges inclusive on the normalised code, and systems apart', () => {
    const classify = sensitivityClassifier([
      { category: C.Hiv, systems: ['s'], match: { code: 'A1' }, why: 'exact' },
      {
        category: C.Genetics,
        systems: ['s', 't'],
        match: { from: 'B10', to: 'B19.ZZ' },
        why: 'range',
      },
      { category: C.MentalHealth, systems: ['s'], match: { code: 'A1' }, why: 'same code again' },
    ]);
    expect(classify([{ system: 's', code: 'A1' }])).toEqual(
      [C.MentalHealth, C.Hiv].sort((a, b) => a - b),
    );
    expect(classify([{ system: 's', code: 'a1' }])).toEqual([]);
    expect(classify([{ system: 't', code: 'A1' }])).toEqual([]);
    expect(
      classify([
        { system: 't', code: 'b1.0' },
        { system: 's', code: 'B19ZZ' },
      ]),
    ).toEqual([C.Genetics]);
    expect(
      classify([
        { system: 's', code: 'B20' },
        { system: 'u', code: 'B15' },
      ]),
    ).toEqual([]);
  });
});
