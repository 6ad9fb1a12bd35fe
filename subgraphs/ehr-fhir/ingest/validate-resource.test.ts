import { hasErrors, validateResource } from './validate-resource';

describe('validateResource', () => {
  it('accepts real-world shapes: extensions, unknown elements, partial dates, zone-less times', () => {
    const issues = validateResource({
      resourceType: 'Observation',
      id: 'a.b-1',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
      effectiveDateTime: '2024-03-01T10:00:00',
      extension: [{ url: 'x', valueString: 'y' }],
      vendorSpecific: { anything: true },
    });
    expect(issues).toEqual([]);
    expect(validateResource({ resourceType: 'Claim', id: 'c', whatever: 1 })).toEqual([]);
  });

  it('names the element at fault with a FHIRPath expression', () => {
    const issues = validateResource(
      {
        resourceType: 'MedicationRequest',
        status: 'active',
        subject: 'Patient/1',
        authoredOn: '01/02/2024',
      },
      'Bundle.entry[4].resource',
    );
    expect(issues.map((i) => [i.code, i.expression?.[0]])).toEqual([
      ['required', 'Bundle.entry[4].resource.intent'],
      ['required', 'Bundle.entry[4].resource.medication[x]'],
      ['value', 'Bundle.entry[4].resource.subject'],
      ['value', 'Bundle.entry[4].resource.authoredOn'],
    ]);
    expect(hasErrors(issues)).toBe(true);
  });

  it('refuses what is not an R4 resource, and bad ids', () => {
    expect(validateResource('text')[0]).toMatchObject({ code: 'structure' });
    expect(validateResource({ id: 'x' })[0]).toMatchObject({
      code: 'required',
      expression: ['Resource.resourceType'],
    });
    expect(validateResource({ resourceType: 'Observationn' })[0]).toMatchObject({
      code: 'not-supported',
    });
    expect(validateResource({ resourceType: 'Patient', id: 'has space' })[0]).toMatchObject({
      code: 'value',
      expression: ['Patient.id'],
    });
  });

  it('warns (without refusing) on tolerable oddities', () => {
    const issues = validateResource({
      resourceType: 'Encounter',
      status: 'finished',
      subject: { reference: 'Patient/1' },
    });
    expect(issues).toEqual([
      expect.objectContaining({ severity: 'warning', expression: ['Encounter.class'] }),
    ]);
    expect(hasErrors(issues)).toBe(false);
  });
});
