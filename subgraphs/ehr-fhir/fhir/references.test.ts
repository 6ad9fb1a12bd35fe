import { isConditionalReference, parseReference, rewriteReferences } from './references';

describe('parseReference', () => {
  it('reads relative, versioned and absolute references', () => {
    expect(parseReference('Patient/123')).toEqual({ resourceType: 'Patient', id: '123' });
    expect(parseReference('Observation/a-b.c/_history/2')).toEqual({
      resourceType: 'Observation',
      id: 'a-b.c',
    });
    expect(parseReference('https://ehr.example/fhir/R4/Patient/9')).toEqual({
      resourceType: 'Patient',
      id: '9',
    });
  });

  it('gives null for contained, urn and conditional references', () => {
    expect(parseReference('#referral')).toBeNull();
    expect(parseReference('urn:uuid:4e8ed886-fd5f-40bb-8feb-f339b04d853a')).toBeNull();
    expect(parseReference('Patient?identifier=http://x|1')).toBeNull();
    expect(isConditionalReference('Patient?identifier=http://x|1')).toBe(true);
  });
});

describe('rewriteReferences', () => {
  it('visits nested and contained references with their FHIRPath', () => {
    const resource = {
      resourceType: 'ExplanationOfBenefit',
      patient: { reference: 'urn:uuid:p' },
      contained: [{ resourceType: 'Coverage', beneficiary: { reference: 'urn:uuid:p' } }],
      item: [{ encounter: [{ reference: 'urn:uuid:e' }] }],
      referral: { reference: '#referral' },
    };
    const seen: string[] = [];
    rewriteReferences(resource, ({ path, reference }) => {
      seen.push(path);
      return reference.startsWith('urn:uuid:') ? `X/${reference.slice(9)}` : undefined;
    });
    expect(seen).toEqual([
      'ExplanationOfBenefit.patient.reference',
      'ExplanationOfBenefit.contained[0].beneficiary.reference',
      'ExplanationOfBenefit.item[0].encounter[0].reference',
      'ExplanationOfBenefit.referral.reference',
    ]);
    expect(resource.patient.reference).toBe('X/p');
    expect(resource.item[0]!.encounter[0]!.reference).toBe('X/e');
    expect(resource.referral.reference).toBe('#referral');
  });
});
