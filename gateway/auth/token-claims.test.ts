import { NO_PURPOSE, purposeOf, requesterFromClaims } from './token-claims';

const base = { sub: 'clinician-17', org: 'riverside-health' };

describe('purposeOf', () => {
  it.each([
    ['TREAT', 'TREAT'],
    ['treat', 'TREAT'],
    ['http://terminology.hl7.org/CodeSystem/v3-ActReason|HRESCH', 'HRESCH'],
    ['urn:oid:2.16.840.1.113883.5.8|ETREAT', 'ETREAT'],
    [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'PUBHLTH' }, 'PUBHLTH'],
    [['HPAYMT'], 'HPAYMT'],
    [['TREAT', 'TREAT'], 'TREAT'],
  ])('reads %p as %s', (claim, purpose) => {
    expect(purposeOf(claim)).toBe(purpose);
  });

  it.each([undefined, null, '', 42, [], ['TREAT', 'HPAYMT'], 'http://other.example|TREAT', {}])(
    'reads %p as no purpose',
    (claim) => {
      expect(purposeOf(claim)).toBe(NO_PURPOSE);
    },
  );
});

describe('requesterFromClaims', () => {
  it('reads organisation, chain address, scopes, purpose and break-glass reason', () => {
    expect(
      requesterFromClaims({
        ...base,
        org_address: '0x00000000000000000000000000000000000000AA',
        scope: 'patient/Observation.rs  openid',
        purpose_of_use: 'ETREAT',
        break_glass_reason: ' unconscious on arrival ',
      }),
    ).toEqual({
      subject: 'clinician-17',
      organization: 'riverside-health',
      orgAddress: '0x00000000000000000000000000000000000000aa',
      purpose: 'ETREAT',
      scopes: ['patient/Observation.rs', 'openid'],
      breakGlassReason: 'unconscious on arrival',
    });
  });

  it('does not invent a purpose of use the token does not state', () => {
    expect(requesterFromClaims(base).purpose).toBe(NO_PURPOSE);
  });

  it('accepts scopes as a list, or in scp', () => {
    expect(requesterFromClaims({ ...base, scope: ['user/*.rs', 'openid'] }).scopes).toEqual([
      'user/*.rs',
      'openid',
    ]);
    expect(requesterFromClaims({ ...base, scp: 'system/*.rs' }).scopes).toEqual(['system/*.rs']);
  });

  it('names patients acting for themselves', () => {
    const patient = requesterFromClaims({
      sub: 'patient:1',
      patient_address: '0x00000000000000000000000000000000000000bb',
    });
    expect(patient).toMatchObject({
      organization: 'patient',
      orgAddress: null,
      patientAddress: '0x00000000000000000000000000000000000000bb',
    });
  });

  it.each([
    [{ org: 'x' }, 'token has no subject (sub)'],
    [{ ...base, sub: 'anonymous' }, 'token subject is reserved'],
    [{ ...base, org_address: 'riverside' }, 'org_address is not an EVM address'],
    [{ ...base, patient_address: '0x12' }, 'patient_address is not an EVM address'],
    [{ ...base, org: 7 }, 'org must be a string'],
    [{ ...base, scope: { a: 1 } }, 'scope must be a space-separated string or a list of strings'],
  ])('refuses %p', (claims, message) => {
    expect(() => requesterFromClaims(claims as never)).toThrow(message);
  });
});
