import type { PatientLinkRequest } from '../../shared/patient/link-request';
import { linkPatient } from '../linking/link-patient';
import {
  openTempIdentityStore,
  type TempIdentityStore,
} from '../matching/testing/temp-identity-store';
import { decideReview } from './decide-review';

const FHIR = 'urn:fhir';
const LAB = 'urn:lab';
const SSN = 'http://hl7.org/fhir/sid/us-ssn';
const person = { names: [{ family: 'Novak', given: ['Petra'] }], birthDate: '1970-06-30' };

const record = (
  system: string,
  value: string,
  more: [string, string][] = [],
): PatientLinkRequest => ({
  source: system === FHIR ? 'ehr-fhir' : 'ehr-hl7v2',
  identifiers: [[system, value] as [string, string], ...more].map(([s, v]) => ({
    system: s,
    value: v,
  })),
  demographics: person,
});

describe('decideReview (identity store)', () => {
  let temp: TempIdentityStore;
  beforeEach(async () => {
    temp = await openTempIdentityStore('review');
  });
  afterEach(() => temp.close());

  async function pendingPair() {
    const first = await linkPatient(temp.store, record(FHIR, 'f1'));
    const pending = await linkPatient(temp.store, record(LAB, 'l1', [[SSN, '999-03-0001']]));
    expect(pending).toMatchObject({ decision: 'review', reason: 'possible-match' });
    return { patientId: first.patientId!, reviewId: pending.reviewId! };
  }

  it('makes a new patient of the record, with every identifier, recording who decided', async () => {
    const { patientId, reviewId } = await pendingPair();
    const result = await decideReview(temp.store, reviewId, {
      action: 'new-patient',
      reviewer: 'rev-1',
    });
    expect(result).toMatchObject({ status: 'new-patient', decidedBy: 'rev-1' });
    expect(result.patientId).not.toBe(patientId);
    const rows = await temp.store.patientIdentifier.findMany({
      where: { patientId: result.patientId! },
    });
    expect(rows.map((r) => [r.system, r.linkReason]).sort()).toEqual([
      [SSN, 'manual'],
      [LAB, 'manual'],
    ]);
    expect(JSON.parse(rows[0]!.linkDetailJson)).toMatchObject({
      action: 'new-patient',
      reviewId,
      reviewer: 'rev-1',
    });
    expect(await linkPatient(temp.store, record(LAB, 'l1', [[SSN, '999-03-0001']]))).toMatchObject({
      patientId: result.patientId,
      reason: 'same-record',
    });
  });

  it('keeps a rejected record rejected until it changes', async () => {
    const { reviewId } = await pendingPair();
    await decideReview(temp.store, reviewId, {
      action: 'reject',
      reviewer: 'rev-1',
      note: 'test data',
    });
    const again = await linkPatient(temp.store, record(LAB, 'l1', [[SSN, '999-03-0001']]));
    expect(again).toEqual({ patientId: null, decision: 'review', reason: 'rejected', reviewId });
    expect(await temp.store.patientIdentifier.count({ where: { system: LAB } })).toBe(0);
    const changed = await linkPatient(temp.store, {
      ...record(LAB, 'l1'),
      demographics: { ...person, gender: 'female' },
    });
    expect(changed).toMatchObject({ decision: 'review', reason: 'possible-match' });
    expect(changed.reviewId).not.toBe(reviewId);
  });

  it('refuses a decision that would take identifiers another patient holds now', async () => {
    const { patientId, reviewId } = await pendingPair();
    // Meanwhile the SSN arrived with another vendor's record of someone else.
    const other = await linkPatient(temp.store, {
      source: 'wearables',
      identifiers: [
        { system: 'urn:fitbit', value: 'x' },
        { system: SSN, value: '999-03-0001' },
      ],
    });
    await expect(
      decideReview(temp.store, reviewId, { action: 'link', patientId, reviewer: 'rev-1' }),
    ).rejects.toMatchObject({
      status: 409,
      code: 'IDENTIFIER_CONFLICT',
      details: { patientIds: [other.patientId] },
    });
    await expect(
      decideReview(temp.store, reviewId, {
        action: 'link',
        patientId: 'nobody',
        reviewer: 'rev-1',
      }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      decideReview(temp.store, 'no-such-item', { action: 'reject', reviewer: 'rev-1' }),
    ).rejects.toMatchObject({ status: 404 });
    // Nothing was half-done: the item is still pending.
    expect(
      await temp.store.matchReview.findUniqueOrThrow({ where: { id: reviewId } }),
    ).toMatchObject({
      status: 'pending',
    });
    // Linking to the holder is fine.
    expect(
      await decideReview(temp.store, reviewId, {
        action: 'link',
        patientId: other.patientId!,
        reviewer: 'rev-2',
      }),
    ).toMatchObject({ status: 'linked', patientId: other.patientId });
  });
});
