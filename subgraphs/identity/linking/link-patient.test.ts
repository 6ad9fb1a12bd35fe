import type { LinkDemographics, PatientLinkRequest } from '../../shared/patient/link-request';
import {
  openTempIdentityStore,
  type TempIdentityStore,
} from '../matching/testing/temp-identity-store';
import { linkPatient } from './link-patient';

const SSN = 'http://hl7.org/fhir/sid/us-ssn';
const FHIR = 'https://ehr.example/fhir/Patient';
const HL7 = 'urn:rvlab';

const ana: LinkDemographics = {
  names: [{ family: 'Lopez', given: ['Ana', 'Maria'] }],
  birthDate: '1984-07-19',
  gender: 'female',
  addresses: [{ line: ['4 Elm Road'], postalCode: '02139' }],
  telecom: [{ system: 'phone', value: '555-010-4444' }],
};

function request(
  source: string,
  identifiers: [string, string][],
  demographics?: LinkDemographics,
): PatientLinkRequest {
  return {
    source,
    identifiers: identifiers.map(([system, value]) => ({ system, value })),
    demographics,
  };
}

describe('linkPatient (identity store)', () => {
  let temp: TempIdentityStore;
  beforeEach(async () => {
    temp = await openTempIdentityStore('link');
  });
  afterEach(() => temp.close());

  it('links another vendor by demographics, recording why on each identifier', async () => {
    const first = await linkPatient(temp.store, request('ehr-fhir', [[FHIR, 'a1']], ana));
    expect(first).toMatchObject({ decision: 'created', reason: 'new-patient' });
    const hl7 = {
      ...ana,
      names: [{ family: 'LOPEZ', given: ['ANA'] }],
      addresses: [{ line: ['4 ELM RD'], postalCode: '02139-1234' }],
    };
    const second = await linkPatient(temp.store, request('ehr-hl7v2', [[HL7, 'H9']], hl7));
    expect(second).toMatchObject({
      patientId: first.patientId,
      decision: 'existing',
      reason: 'demographic-match',
    });
    expect(second.score).toBeGreaterThanOrEqual(0.98);
    const row = await temp.store.patientIdentifier.findUniqueOrThrow({
      where: { system_value: { system: HL7, value: 'H9' } },
    });
    expect(row).toMatchObject({ linkReason: 'demographic-match', linkScore: second.score });
    expect(JSON.parse(row.linkDetailJson)).toMatchObject({
      decision: 'demographic-match',
      fields: { family: 'agree', given: 'agree', birthDate: 'agree', address: 'agree' },
    });
    expect(row.linkDetailJson).not.toMatch(/lopez|ana|1984|elm|555/i);
    // Re-sending the record is the same record, and updates the patient's demographics.
    const again = await linkPatient(temp.store, request('ehr-hl7v2', [[HL7, 'H9']], hl7));
    expect(again).toMatchObject({ patientId: first.patientId, reason: 'same-record' });
  });

  it('keeps a borderline record pending, once, and links it when an identifier arrives', async () => {
    const first = await linkPatient(
      temp.store,
      request(
        'ehr-fhir',
        [
          [FHIR, 'a1'],
          [SSN, '999-02-0001'],
        ],
        ana,
      ),
    );
    const thin = { names: ana.names, birthDate: ana.birthDate, gender: ana.gender };
    const pending = await linkPatient(temp.store, request('ehr-hl7v2', [[HL7, 'H1']], thin));
    expect(pending).toMatchObject({
      patientId: null,
      decision: 'review',
      reason: 'possible-match',
    });
    const resent = await linkPatient(temp.store, request('ehr-hl7v2', [[HL7, 'H1']], thin));
    expect(resent.reviewId).toBe(pending.reviewId);
    expect(await temp.store.matchReview.count({ where: { status: 'pending' } })).toBe(1);
    expect(await temp.store.patientIdentifier.count({ where: { system: HL7 } })).toBe(0);

    const withSsn = request(
      'ehr-hl7v2',
      [
        [HL7, 'H1'],
        [SSN, '999-02-0001'],
      ],
      thin,
    );
    expect(await linkPatient(temp.store, withSsn)).toMatchObject({
      patientId: first.patientId,
      decision: 'existing',
      reason: `same-identifier:${SSN}`,
    });
    const review = await temp.store.matchReview.findUniqueOrThrow({
      where: { id: pending.reviewId! },
    });
    expect(review).toMatchObject({
      status: 'superseded',
      openKey: null,
      decisionPatientId: first.patientId,
    });
  });

  it('sends identifiers held by two patients to review instead of picking one', async () => {
    const a = await linkPatient(
      temp.store,
      request('ehr-fhir', [
        [FHIR, 'a1'],
        [SSN, '1'],
      ]),
    );
    const b = await linkPatient(
      temp.store,
      request('ehr-fhir', [
        [FHIR, 'b1'],
        [SSN, '2'],
      ]),
    );
    const split = await linkPatient(
      temp.store,
      request('ehr-hl7v2', [
        [HL7, 'X'],
        [SSN, '1'],
        [SSN, '2'],
      ]),
    );
    expect(split).toMatchObject({
      patientId: null,
      decision: 'review',
      reason: 'identifier-conflict',
    });
    const review = await temp.store.matchReview.findUniqueOrThrow({
      where: { id: split.reviewId! },
    });
    expect(
      JSON.parse(review.candidatesJson)
        .map((c: { patientId: string }) => c.patientId)
        .sort(),
    ).toEqual([a.patientId, b.patientId].sort());
  });

  it('makes a new patient below the review threshold and fills a demographic-less patient', async () => {
    const device = await linkPatient(
      temp.store,
      request('wearables', [
        ['urn:fitbit', 'u1'],
        [SSN, '3'],
      ]),
    );
    const other = await linkPatient(
      temp.store,
      request('ehr-fhir', [[FHIR, 'z']], {
        ...ana,
        names: [{ family: 'Lopez', given: ['Eva'] }],
        birthDate: '1950-01-01',
      }),
    );
    expect(other).toMatchObject({ decision: 'created', reason: 'new-patient' });
    expect(other.patientId).not.toBe(device.patientId);
    await linkPatient(
      temp.store,
      request(
        'ehr-fhir',
        [
          [FHIR, 'y'],
          [SSN, '3'],
        ],
        ana,
      ),
    );
    const patient = await temp.store.patient.findUniqueOrThrow({
      where: { id: device.patientId! },
    });
    expect(patient).toMatchObject({ familyName: 'Lopez', birthDate: '1984-07-19' });
  });

  it('does not create two patients when two vendors announce one person at once', async () => {
    const results = await Promise.all(
      ['ehr-fhir', 'ehr-hl7v2', 'wearables'].map((source, i) =>
        linkPatient(
          temp.store,
          request(source, [
            [`urn:${source}`, `k${i}`],
            [SSN, '999-09-0009'],
          ]),
        ),
      ),
    );
    expect(new Set(results.map((r) => r.patientId)).size).toBe(1);
    expect(await temp.store.patient.count()).toBe(1);
  });
});
