import { blockingKeysOf } from './blocking-keys';
import { matchProfileOf } from './match-profile';

describe('blockingKeysOf', () => {
  const person = matchProfileOf(
    {
      names: [{ family: 'Mejía Ruiz', given: ['José'] }],
      birthDate: '1961-04-02',
      addresses: [{ postalCode: '02139' }],
      telecom: [{ system: 'phone', value: '555-010-1234' }],
    },
    [{ system: 'http://hl7.org/fhir/sid/us-ssn', value: '999-01-0001' }],
  );

  it('derives one key per tolerated error', () => {
    expect(blockingKeysOf(person)).toEqual([
      'dg:1961-04-02:J200',
      'fg:M200:J200',
      'fg:R200:J200',
      'ny:1961:M200',
      'ny:1961:R200',
      'pc:02139:1961',
      'ph:5550101234',
      'ss:999010001',
    ]);
  });

  it('still shares a key with the same person after a typo, a swapped date or a new name', () => {
    const shares = (other: Parameters<typeof matchProfileOf>[0]) => {
      const mine = new Set(blockingKeysOf(person));
      return blockingKeysOf(matchProfileOf(other)).some((key) => mine.has(key));
    };
    expect(shares({ names: [{ family: 'Mexia', given: ['Jose'] }], birthDate: '1961-02-04' })).toBe(
      true,
    );
    expect(shares({ names: [{ family: 'Smith', given: ['Jose'] }], birthDate: '1961-04-02' })).toBe(
      true,
    );
    expect(shares({ names: [{ family: 'Mejia', given: ['Jose'] }], birthDate: '1971-04-02' })).toBe(
      true,
    );
    expect(shares({ names: [{ family: 'Nguyen', given: ['Ana'] }], birthDate: '1990-01-01' })).toBe(
      false,
    );
  });

  it('has no keys for a record without demographics', () => {
    expect(blockingKeysOf(matchProfileOf(undefined, [{ system: 'urn:x', value: '1' }]))).toEqual(
      [],
    );
  });
});
