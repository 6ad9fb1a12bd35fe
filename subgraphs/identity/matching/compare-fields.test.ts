import {
  compareAddresses,
  compareBirthDate,
  compareFamily,
  compareGiven,
  compareIdentifiers,
  comparePhones,
  compareSex,
} from './compare-fields';

describe('field comparators', () => {
  it('compare family names: exact, typo, compound, different, missing', () => {
    expect(compareFamily(['smith'], ['smith'])).toBe('agree');
    expect(compareFamily(['johnson'], ['jonhson'])).toBe('similar');
    expect(compareFamily(['mejia', 'ruiz'], ['mejia'])).toBe('similar');
    expect(compareFamily(['smith'], ['jones'])).toBe('disagree');
    expect(compareFamily([], ['smith'])).toBe('missing');
  });

  it('compare given names: exact, typo, middle name, initial, different', () => {
    expect(compareGiven(['jose', 'luis'], ['jose'])).toBe('agree');
    expect(compareGiven(['jon'], ['john'])).toBe('similar');
    expect(compareGiven(['maria', 'jose'], ['jose'])).toBe('similar');
    expect(compareGiven(['j'], ['jose'])).toBe('initial');
    expect(compareGiven(['john'], ['joan'])).toBe('disagree');
    expect(compareGiven(['christopher'], ['christina'])).toBe('disagree');
    expect(compareGiven([], ['jose'])).toBe('missing');
  });

  it('compare birth dates: exact, swapped day/month, one digit, partial, different', () => {
    expect(compareBirthDate('1961-04-02', '1961-04-02')).toBe('agree');
    expect(compareBirthDate('1961-04-02', '1961-02-04')).toBe('transposed');
    expect(compareBirthDate('1961-04-02', '1961-04-03')).toBe('typo');
    expect(compareBirthDate('1961-04-02', '1971-04-02')).toBe('typo');
    expect(compareBirthDate('1961-04-02', '1961-05-03')).toBe('disagree');
    expect(compareBirthDate('1961', '1961-04-02')).toBe('partial-agree');
    expect(compareBirthDate('1961-05', '1961-04-02')).toBe('disagree');
    expect(compareBirthDate(null, '1961-04-02')).toBe('missing');
  });

  it('compare sex', () => {
    expect(compareSex('male', 'male')).toBe('agree');
    expect(compareSex('male', 'female')).toBe('disagree');
    expect(compareSex(null, 'female')).toBe('missing');
  });

  it('compare addresses by postal code and line, best pair wins', () => {
    const home = { postalCode: '02139', line: '12 harbor st' };
    expect(compareAddresses([home], [{ postalCode: '02139', line: '12 harbour st' }])).toBe(
      'agree',
    );
    expect(compareAddresses([home], [{ postalCode: '02139', line: '9 elm rd' }])).toBe(
      'postal-only',
    );
    expect(compareAddresses([home], [{ postalCode: null, line: '12 harbor st' }])).toBe(
      'line-only',
    );
    expect(compareAddresses([home], [{ postalCode: '90210', line: '9 elm rd' }])).toBe('disagree');
    expect(
      compareAddresses(
        [home],
        [
          { postalCode: '90210', line: '9 elm rd' },
          { postalCode: '02139', line: '12 harbor st' },
        ],
      ),
    ).toBe('agree');
    expect(compareAddresses([], [home])).toBe('missing');
  });

  it('compare phones', () => {
    expect(comparePhones(['5550101234', '5550109999'], ['5550109999'])).toBe('agree');
    expect(comparePhones(['5550101234'], ['5550109999'])).toBe('disagree');
    expect(comparePhones([], ['5550109999'])).toBe('missing');
  });

  it('compare identifiers only within a shared system', () => {
    const ssn = (value: string) => ({ kind: 'ssn' as const, comparableAs: 'ssn', value });
    const key = (value: string) => ({ kind: 'other' as const, comparableAs: 'urn:a', value });
    expect(compareIdentifiers([ssn('1'), key('a')], [ssn('2'), ssn('1')])).toEqual([
      { kind: 'ssn', comparableAs: 'ssn', level: 'agree' },
    ]);
    expect(compareIdentifiers([key('a')], [key('b')])).toEqual([
      { kind: 'other', comparableAs: 'urn:a', level: 'disagree' },
    ]);
    expect(compareIdentifiers([key('a')], [])).toEqual([]);
  });
});
