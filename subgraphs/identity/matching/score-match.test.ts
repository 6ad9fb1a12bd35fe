import type { LinkDemographics, LinkIdentifier } from '../../shared/patient/link-request';
import { DEFAULT_MATCH_CONFIG } from './match-config';
import { matchProfileOf } from './match-profile';
import { scoreMatch } from './score-match';

const AUTO = DEFAULT_MATCH_CONFIG.autoLinkThreshold;
const REVIEW = DEFAULT_MATCH_CONFIG.reviewThreshold;

/** One person as the FHIR EHR sends them. */
const ehr: LinkDemographics = {
  names: [{ use: 'official', family: 'Mejía Ruiz', given: ['José', 'Luis'], prefix: ['Mr.'] }],
  birthDate: '1961-04-02',
  gender: 'male',
  addresses: [{ line: ['12 Harbor Street', 'Apt 4'], city: 'Riverside', postalCode: '02139-4301' }],
  telecom: [
    { system: 'phone', value: '+1 (555) 010-1234', use: 'home' },
    { system: 'email', value: 'jose@example.org' },
  ],
};

function score(
  a: LinkDemographics,
  b: LinkDemographics,
  ai: LinkIdentifier[] = [],
  bi: LinkIdentifier[] = [],
) {
  const forward = scoreMatch(matchProfileOf(a, ai), matchProfileOf(b, bi));
  // Symmetry is part of the contract: which vendor came first must not matter.
  expect(scoreMatch(matchProfileOf(b, bi), matchProfileOf(a, ai)).score).toBe(forward.score);
  return forward;
}

describe('scoreMatch', () => {
  it('auto-links the same person formatted differently by another vendor', () => {
    const hl7: LinkDemographics = {
      names: [{ family: 'MEJIA RUIZ', given: ['JOSE', 'L'] }],
      birthDate: '1961-04-02',
      gender: 'male',
      addresses: [{ line: ['12 HARBOR ST APT 4'], postalCode: '02139' }],
      telecom: [{ value: '555-010-1234' }],
    };
    const result = score(ehr, hl7);
    expect(result.fields).toEqual({
      family: 'agree',
      given: 'agree',
      birthDate: 'agree',
      sex: 'agree',
      address: 'agree',
      phone: 'agree',
    });
    expect(result.householdCapped).toBe(true);
    expect(result.vetoes).toEqual([]);
    expect(result.score).toBeGreaterThanOrEqual(AUTO);
  });

  it('tolerates a typo in the family name and a transposed birth day/month', () => {
    const typo = score(ehr, { ...ehr, names: [{ family: 'Mejia Ruis', given: ['Jose'] }] });
    expect(typo.fields.family).toBe('similar');
    expect(typo.score).toBeGreaterThanOrEqual(AUTO);

    const swapped = score(ehr, { ...ehr, birthDate: '1961-02-04' });
    expect(swapped.fields.birthDate).toBe('transposed');
    expect(swapped.score).toBeGreaterThanOrEqual(AUTO);
    // Without address and phone, a swapped date is only worth a review.
    const thin = { names: ehr.names, birthDate: '1961-02-04', gender: 'male' };
    const thinScore = score(thin, { names: ehr.names, birthDate: ehr.birthDate, gender: 'male' });
    expect(thinScore.score).toBeGreaterThanOrEqual(REVIEW);
    expect(thinScore.score).toBeLessThan(AUTO);
  });

  it('sends name + birth date + sex alone to review: common names collide', () => {
    const bare = { names: ehr.names, birthDate: ehr.birthDate, gender: ehr.gender };
    const result = score(ehr, bare);
    expect(result.fields.address).toBe('missing');
    expect(result.fields.phone).toBe('missing');
    expect(result.score).toBeGreaterThanOrEqual(REVIEW);
    expect(result.score).toBeLessThan(AUTO);
    // One more agreeing field is enough.
    expect(
      score(ehr, { ...bare, addresses: [{ postalCode: '02139' }] }).score,
    ).toBeGreaterThanOrEqual(AUTO);
  });

  it('never auto-links twins: same household and birth date, different given names', () => {
    const twin = { ...ehr, names: [{ family: 'Mejía Ruiz', given: ['Juan'] }] };
    const result = score(ehr, twin);
    expect(result.fields.given).toBe('disagree');
    expect(result.vetoes).toContain('given-name-disagrees');
    expect(result.score).toBeLessThan(AUTO);
    // A twin of the other sex is not even a candidate for review.
    const sister = {
      ...twin,
      names: [{ family: 'Mejía Ruiz', given: ['Juana'] }],
      gender: 'female',
    };
    expect(score(ehr, sister).score).toBeLessThan(REVIEW);
  });

  it('keeps a father and son of the same name at the same address apart', () => {
    const father = { ...ehr, birthDate: '1935-09-30' };
    expect(score(ehr, father).score).toBeLessThan(REVIEW);
  });

  it('does not link people who share only a family name', () => {
    const other = {
      names: [{ family: 'Mejia', given: ['Ana'] }],
      birthDate: '1961-11-20',
      gender: 'female',
    };
    const result = score(ehr, other);
    expect(result.weight).toBeLessThan(0);
    expect(result.score).toBeLessThan(0.01);
  });

  it('counts missing fields as no evidence, and an empty record as none at all', () => {
    const result = score(ehr, {});
    expect(Object.values(result.fields).every((level) => level === 'missing')).toBe(true);
    expect(result.weight).toBe(0);
    expect(result.score).toBeLessThan(REVIEW);
    expect(score({ names: [{ family: 'Mejía Ruiz' }] }, ehr).fields.given).toBe('missing');
  });

  it('treats an equal SSN written differently as near-proof, and a conflicting one as a veto', () => {
    const ssn = (value: string) => [{ system: 'http://hl7.org/fhir/sid/us-ssn', value }];
    const same = score({}, { names: ehr.names }, ssn('999-01-0001'), ssn('999010001'));
    expect(same.identifiers).toEqual([
      { kind: 'ssn', comparableAs: 'ssn', level: 'agree', weight: 26 },
    ]);
    expect(same.score).toBeGreaterThanOrEqual(AUTO);

    const conflict = score(ehr, ehr, ssn('999-01-0001'), [
      { system: 'urn:oid:2.16.840.1.113883.4.1', value: '999-01-0002', typeCode: 'SS' },
    ]);
    expect(conflict.vetoes).toEqual(['identifier-conflict']);
    expect(conflict.score).toBeLessThan(AUTO);
    // Everything else agrees: a mistyped SSN is worth a person's look, not a new patient.
    expect(conflict.score).toBeGreaterThanOrEqual(REVIEW);
  });

  it('weighs MRNs of the same system, and ignores identifiers of unrelated systems', () => {
    const mrn = (value: string, system = 'https://riverside.example/sid/mrn') => [
      { system, value, typeCode: 'MR' },
    ];
    const conflict = score(ehr, ehr, mrn('M1'), mrn('M2'));
    expect(conflict.identifiers[0]).toMatchObject({ kind: 'mrn', level: 'disagree' });
    expect(conflict.vetoes).toEqual(['identifier-conflict']);
    const unrelated = score(ehr, ehr, mrn('M1'), mrn('M2', 'https://other.example/mrn'));
    expect(unrelated.identifiers).toEqual([]);
    // Two record keys of one vendor: possibly duplicate records, so only weak evidence.
    const keys = score(
      ehr,
      ehr,
      [{ system: 'https://ehr.example/Patient', value: 'p1' }],
      [{ system: 'https://ehr.example/Patient', value: 'p2' }],
    );
    expect(keys.identifiers[0]).toMatchObject({ kind: 'other', level: 'disagree', weight: -2 });
    expect(keys.vetoes).toEqual([]);
    expect(keys.score).toBeGreaterThanOrEqual(AUTO);
  });

  it('finds the best pair among several names (maiden name, alias)', () => {
    const married = {
      ...ehr,
      names: [
        { use: 'official', family: 'Smith', given: ['Ana'] },
        { use: 'maiden', family: 'Lopez', given: ['Ana'] },
      ],
      gender: 'female',
    };
    const before = { ...married, names: [{ family: 'Lopez', given: ['Ana', 'Maria'] }] };
    const result = score(married, before);
    expect(result.fields).toMatchObject({ family: 'agree', given: 'agree' });
  });

  it('recognises family and given names entered in each other’s field', () => {
    const swapped = { ...ehr, names: [{ family: 'Jose Luis', given: ['Mejia', 'Ruiz'] }] };
    const result = score(ehr, swapped);
    expect(result.fields).toMatchObject({ family: 'swapped', given: 'swapped' });
    expect(result.score).toBeGreaterThanOrEqual(AUTO);
  });

  it('explains itself without personal data', () => {
    const text = JSON.stringify(score(ehr, ehr, [{ system: 'urn:x', value: 'SECRET-1' }], []));
    expect(text).not.toMatch(/mej|jose|1961|harbor|555|02139|SECRET/i);
  });
});
