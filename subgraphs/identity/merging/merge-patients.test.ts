import type { PatientLinkRequest } from '../../shared/patient/link-request';
import { linkPatient } from '../linking/link-patient';
import {
  openTempIdentityStore,
  type TempIdentityStore,
} from '../matching/testing/temp-identity-store';
import { createMergeFollowingPatientLoader } from './merge-following-loader';
import { mergePatients } from './merge-patients';
import { undoMerge } from './undo-merge';
import type { MergeRequest } from './validate-merge-request';

const LAB = 'urn:lab';
const link = (
  store: TempIdentityStore['store'],
  value: string,
  extra: PatientLinkRequest['demographics'] = undefined,
) =>
  linkPatient(store, {
    source: 'ehr-hl7v2',
    identifiers: [{ system: LAB, value }],
    demographics: extra,
  });
const merge = (survivor: string, merged: string): MergeRequest => ({
  source: 'ehr-hl7v2',
  survivor: { system: LAB, value: survivor },
  merged: { system: LAB, value: merged },
  reason: null,
  requestedBy: null,
});

describe('mergePatients / undoMerge (identity store)', () => {
  let temp: TempIdentityStore;
  beforeEach(async () => {
    temp = await openTempIdentityStore('merge');
  });
  afterEach(() => temp.close());

  async function identifiersOf(id: string) {
    const loaded = await createMergeFollowingPatientLoader(temp.store).load(id);
    return { id: loaded?.id, values: (loaded?.identifiers ?? []).map((i) => i.value).sort() };
  }

  it('chains merges, follows them on read, and undoes them last-first', async () => {
    const [a, b, c] = await Promise.all(['A', 'B', 'C'].map((v) => link(temp.store, v)));
    const bIntoC = await mergePatients(temp.store, merge('C', 'B'));
    const cIntoA = await mergePatients(temp.store, merge('A', 'C'));
    expect(await identifiersOf(b.patientId!)).toEqual({ id: a.patientId, values: ['A', 'B', 'C'] });

    await expect(undoMerge(temp.store, bIntoC.mergeId!, null)).rejects.toMatchObject({
      status: 409,
      code: 'MERGE_ORDER',
      details: { mergeId: cIntoA.mergeId },
    });
    await undoMerge(temp.store, cIntoA.mergeId!, 'r');
    expect(await identifiersOf(b.patientId!)).toEqual({ id: c.patientId, values: ['B', 'C'] });
    expect(await identifiersOf(a.patientId!)).toEqual({ id: a.patientId, values: ['A'] });
    await undoMerge(temp.store, bIntoC.mergeId!, 'r');
    expect(await identifiersOf(b.patientId!)).toEqual({ id: b.patientId, values: ['B'] });
    // The original link reasons are back.
    const row = await temp.store.patientIdentifier.findFirstOrThrow({ where: { value: 'B' } });
    expect(row).toMatchObject({ patientId: b.patientId, linkReason: 'new-patient' });
  });

  it('restores exactly what moved: later links to the survivor stay with it', async () => {
    const [a, b] = await Promise.all(['A', 'B'].map((v) => link(temp.store, v)));
    const merged = await mergePatients(temp.store, merge('A', 'B'));
    await linkPatient(temp.store, {
      source: 'wearables',
      identifiers: [
        { system: 'urn:fitbit', value: 'F' },
        { system: LAB, value: 'B' },
      ],
    });
    await undoMerge(temp.store, merged.mergeId!, null);
    expect(await identifiersOf(a.patientId!)).toEqual({ id: a.patientId, values: ['A', 'F'] });
    expect(await identifiersOf(b.patientId!)).toEqual({ id: b.patientId, values: ['B'] });
  });

  it('answers a pending review with the merge, and undoes that too', async () => {
    const person = { names: [{ family: 'Ito', given: ['Ken'] }], birthDate: '1948-12-01' };
    const a = await link(temp.store, 'A', person);
    const pending = await linkPatient(temp.store, {
      source: 'ehr-hl7v2',
      identifiers: [
        { system: LAB, value: 'P' },
        { system: 'urn:mrn', value: 'M' },
      ],
      demographics: person,
    });
    expect(pending.decision).toBe('review');
    const merged = await mergePatients(temp.store, merge('A', 'P'));
    expect(merged).toMatchObject({ mergedId: null, added: 2 });
    expect(await identifiersOf(a.patientId!)).toEqual({ id: a.patientId, values: ['A', 'M', 'P'] });
    expect(
      await temp.store.matchReview.findUniqueOrThrow({ where: { id: pending.reviewId! } }),
    ).toMatchObject({
      status: 'linked',
      decidedBy: 'ehr-hl7v2:merge',
    });
    await undoMerge(temp.store, merged.mergeId!, null);
    expect(await identifiersOf(a.patientId!)).toEqual({ id: a.patientId, values: ['A'] });
    expect(await temp.store.patientRecord.count()).toBe(1);
    // The record waits for review again, as before the merge.
    expect(
      await temp.store.matchReview.findUniqueOrThrow({ where: { id: pending.reviewId! } }),
    ).toMatchObject({ status: 'pending', openKey: `${LAB}|P`, decidedBy: null });
  });

  it('moves the consent-chain address to a survivor without one, and back on undo', async () => {
    const [a, b] = await Promise.all(['A', 'B'].map((v) => link(temp.store, v)));
    await temp.store.patient.update({ where: { id: b.patientId! }, data: { chainAddress: '0xb' } });
    const merged = await mergePatients(temp.store, merge('A', 'B'));
    const chainOf = async (id: string) =>
      (await temp.store.patient.findUniqueOrThrow({ where: { id } })).chainAddress;
    expect([await chainOf(a.patientId!), await chainOf(b.patientId!)]).toEqual(['0xb', null]);
    await undoMerge(temp.store, merged.mergeId!, null);
    expect([await chainOf(a.patientId!), await chainOf(b.patientId!)]).toEqual([null, '0xb']);
  });

  it('refuses unknown patients and merges a patient into itself as a no-op', async () => {
    const a = await link(temp.store, 'A');
    await expect(
      mergePatients(temp.store, { ...merge('A', 'A'), merged: { patientId: 'nobody' } }),
    ).rejects.toMatchObject({ status: 404 });
    expect(await mergePatients(temp.store, merge('A', 'A'))).toMatchObject({
      status: 'already-merged',
      mergeId: null,
      survivorId: a.patientId,
    });
    await expect(undoMerge(temp.store, 'no-such-merge', null)).rejects.toMatchObject({
      status: 404,
    });
  });
});
