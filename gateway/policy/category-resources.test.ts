import { CATEGORIES, ConsentCategory } from '../../contracts/consent-codes';
import { policyName } from '../../subgraphs/shared/consent/sensitive';
import {
  CATEGORY_RESOURCE_TYPES,
  categoryOfPolicy,
  FHIR_RESOURCE_TYPES,
  resourceTypesExposed,
} from './category-resources';

describe('category resource table', () => {
  it('lists resource types for every consent category, all of them FHIR resource types', () => {
    for (const info of CATEGORIES) {
      const types = CATEGORY_RESOURCE_TYPES[info.category];
      expect(types.length).toBeGreaterThan(0);
      for (const type of types) expect(FHIR_RESOURCE_TYPES.has(type)).toBe(true);
    }
  });

  it('maps the ordinary categories as PatientGraph files their records', () => {
    expect(CATEGORY_RESOURCE_TYPES[ConsentCategory.Demographics]).toEqual(['Patient']);
    expect(CATEGORY_RESOURCE_TYPES[ConsentCategory.Conditions]).toEqual(['Condition', 'Procedure']);
    expect(CATEGORY_RESOURCE_TYPES[ConsentCategory.Medications]).toEqual([
      'MedicationRequest',
      'Immunization',
    ]);
    expect(CATEGORY_RESOURCE_TYPES[ConsentCategory.Labs]).toEqual([
      'Observation',
      'DiagnosticReport',
    ]);
    expect(CATEGORY_RESOURCE_TYPES[ConsentCategory.Wearables]).toEqual(['Observation']);
    expect(CATEGORY_RESOURCE_TYPES[ConsentCategory.Genetics]).toContain('Observation');
  });

  it('reads every policy name the subgraphs publish back to its category', () => {
    for (const info of CATEGORIES)
      expect(categoryOfPolicy(policyName(info.category))).toBe(info.category);
    expect(categoryOfPolicy('consent:mental_health')).toBe(ConsentCategory.MentalHealth);
    expect(categoryOfPolicy('consent:unknown')).toBeUndefined();
    expect(categoryOfPolicy('role:admin')).toBeUndefined();
  });
});

describe('resourceTypesExposed', () => {
  it('is the field type when that is a FHIR resource', () => {
    const categories = [ConsentCategory.Labs, ConsentCategory.Vitals, ConsentCategory.Conditions];
    expect(resourceTypesExposed(categories, 'Observation')).toEqual(['Observation']);
    expect(resourceTypesExposed([ConsentCategory.Conditions], 'Procedure')).toEqual(['Procedure']);
  });

  it('is every type behind the categories otherwise', () => {
    expect(resourceTypesExposed([ConsentCategory.Demographics], 'HumanName')).toEqual(['Patient']);
    expect(resourceTypesExposed([ConsentCategory.Wearables], 'HeartRateSeries')).toEqual([
      'Observation',
    ]);
    expect(resourceTypesExposed([ConsentCategory.Labs, ConsentCategory.Allergies])).toEqual([
      'Observation',
      'DiagnosticReport',
      'AllergyIntolerance',
    ]);
  });
});
