import { validateLinkRequest } from './validate-link-request';

describe('validateLinkRequest', () => {
  const valid = {
    source: 'ehr-fhir',
    identifiers: [{ system: 'urn:a', value: '1', typeCode: 'MR', use: null }],
    demographics: {
      names: [{ family: 'Doe', given: ['Jane'] }],
      birthDate: '1980-02',
      gender: 'female',
      addresses: [{ line: ['1 Main St'], postalCode: '02139' }],
      telecom: [{ system: 'phone', value: '555' }],
      extra: 'ignored',
    },
  };

  it('accepts the contract, null demographics and unknown extras', () => {
    expect(validateLinkRequest(valid)).toEqual({ request: valid, problems: [] });
    expect(validateLinkRequest({ ...valid, demographics: null }).problems).toEqual([]);
  });

  it('names every malformed field without echoing values', () => {
    const { request, problems } = validateLinkRequest({
      source: '',
      identifiers: [{ system: 'urn:a', value: 7 }, 'x'],
      demographics: {
        names: [{ family: ['Doe'], given: 'Jane' }, 3],
        birthDate: '02/04/1961',
        gender: 'M',
        addresses: {},
        telecom: [{ value: 5551234 }],
      },
    });
    expect(request).toBeUndefined();
    expect(problems).toEqual([
      'source must be a non-empty string',
      'identifiers[0].value must be a non-empty string',
      'identifiers[1].system must be a non-empty string',
      'identifiers[1].value must be a non-empty string',
      'demographics.names[0].family must be a string',
      'demographics.names[0].given must be an array of strings',
      'demographics.names[1] must be an object',
      'demographics.addresses must be an array of at most 50 items',
      'demographics.telecom[0].value must be a string',
      'demographics.birthDate must be a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)',
      'demographics.gender must be male, female, other or unknown',
    ]);
    expect(JSON.stringify(problems)).not.toMatch(/Doe|Jane|5551234/);
  });

  it('refuses non-objects, empty and oversized identifier lists', () => {
    expect(validateLinkRequest([]).problems).toEqual(['body must be an object']);
    expect(validateLinkRequest({ source: 's', identifiers: [] }).problems).toEqual([
      'identifiers must be a non-empty array',
    ]);
    const many = Array.from({ length: 101 }, (_, i) => ({ system: 's', value: `${i}` }));
    expect(validateLinkRequest({ source: 's', identifiers: many }).problems).toEqual([
      'identifiers must hold at most 100 entries',
    ]);
  });
});
