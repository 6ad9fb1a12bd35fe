import {
  matchIdentifierOf,
  matchProfileOf,
  nameWords,
  normaliseAddressLine,
  normalisePhone,
  normalisePostalCode,
} from './match-profile';

describe('matchProfileOf', () => {
  it('normalises names, dates, sex, addresses, phones and identifiers', () => {
    const profile = matchProfileOf(
      {
        names: [{ family: 'Mejía-Ruiz123', given: ['José Luis'] }, { text: 'Pérez, Ana' }],
        birthDate: '1961-04-02',
        gender: 'male',
        addresses: [{ line: ['12 Harbor Street', 'Apartment 4'], postalCode: '02139-4301' }],
        telecom: [
          { system: 'phone', value: '+1 (555) 010-1234' },
          { system: 'email', value: '5550101234@example.org' },
          { value: '555.010.1234' },
        ],
      },
      [{ system: 'http://hl7.org/fhir/sid/us-ssn', value: '999-01-0001' }],
    );
    expect(profile).toEqual({
      names: [
        { family: ['mejia', 'ruiz'], given: ['jose', 'luis'] },
        { family: ['perez'], given: ['ana'] },
      ],
      birthDate: '1961-04-02',
      sex: 'male',
      addresses: [{ postalCode: '02139', line: '12 harbor st apt 4' }],
      phones: ['5550101234'],
      identifiers: [{ kind: 'ssn', comparableAs: 'ssn', value: '999010001' }],
    });
  });

  it('is total: nothing, junk and unknown values give an empty profile', () => {
    const empty = {
      names: [],
      birthDate: null,
      sex: null,
      addresses: [],
      phones: [],
      identifiers: [],
    };
    expect(matchProfileOf(undefined)).toEqual(empty);
    expect(
      matchProfileOf({
        names: [{ family: '123', given: ['  '] }],
        birthDate: '02/04/1961',
        gender: 'unknown',
        addresses: [{ city: 'Riverside' }],
        telecom: [{ system: 'phone', value: '12' }],
      }),
    ).toEqual(empty);
  });

  it('reads a text-only name as given names then family', () => {
    expect(matchProfileOf({ names: [{ text: 'Ana María López' }] }).names).toEqual([
      { family: ['lopez'], given: ['ana', 'maria'] },
    ]);
  });
});

describe('field normalisers', () => {
  it('fold names, addresses, postal codes and phones', () => {
    expect(nameWords("O'Brien-Smith 2nd")).toEqual(['o', 'brien', 'smith', 'nd']);
    expect(normaliseAddressLine(['1 North Main Avenue', 'Suite 5'])).toBe('1 n main ave ste 5');
    expect(normaliseAddressLine([])).toBeNull();
    expect(normalisePostalCode('sw1a 1aa')).toBe('SW1A1AA');
    expect(normalisePostalCode('021394301')).toBe('02139');
    expect(normalisePostalCode(undefined)).toBeNull();
    expect(normalisePhone('0044 20 7946 0958')).toBe('2079460958');
    expect(normalisePhone('555-12')).toBeNull();
  });

  it('classifies identifiers: SSN by system or type, MRN by type or system, the rest by system', () => {
    expect(matchIdentifierOf({ system: 'urn:x', value: '999 01 0001', typeCode: 'ss' })).toEqual({
      kind: 'ssn',
      comparableAs: 'ssn',
      value: '999010001',
    });
    expect(matchIdentifierOf({ system: 'https://h.example/sid/mrn', value: ' m1 ' })).toEqual({
      kind: 'mrn',
      comparableAs: 'https://h.example/sid/mrn',
      value: 'M1',
    });
    expect(matchIdentifierOf({ system: 'urn:lab', value: 'h1', typeCode: 'PI' }).kind).toBe(
      'other',
    );
  });
});
