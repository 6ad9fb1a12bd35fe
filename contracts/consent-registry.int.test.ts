import { id, zeroPadValue } from 'ethers';
import { ConsentCategory, PurposeOfUse } from './consent-codes';
import { ConsentRegistryError, toRegistryError } from './registry-errors';
import { devOrganizationWallet, devPatientWallet } from './dev-accounts';
import { increaseTime } from './local-chain';
import { startTestRegistry, type TestRegistry } from './testing/test-registry';

// Direct (patient-sent) consents, checks, listing, expiry and events, on a real anvil.
let t: TestRegistry;
const patient = devPatientWallet(1);
const otherPatient = devPatientWallet(2);
const clinic = devOrganizationWallet('riverside-health').address;
const lab = devOrganizationWallet('riverside-hospital').address;
const stranger = devOrganizationWallet('northside-clinic').address;

beforeAll(async () => {
  t = await startTestRegistry();
  await t.fund(patient.address);
  await t.fund(otherPatient.address);
});
afterAll(async () => {
  await t?.stop();
});

const key = (grantee: string, category: ConsentCategory, purpose = PurposeOfUse.TREAT) => ({
  patient: patient.address,
  grantee,
  category,
  purpose,
});

async function rejection(promise: Promise<unknown>): Promise<ConsentRegistryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConsentRegistryError);
  return error as ConsentRegistryError;
}

describe('ConsentRegistry (direct calls)', () => {
  it('grants, checks and revokes a consent', async () => {
    const registry = t.as(patient);
    expect(await t.reader.hasConsent(key(clinic, ConsentCategory.Labs))).toBe(false);
    await registry.grant({
      grantee: clinic,
      category: ConsentCategory.Labs,
      purpose: PurposeOfUse.TREAT,
    });
    expect(await t.reader.hasConsent(key(clinic, ConsentCategory.Labs))).toBe(true);
    // Exactly that (category, purpose): no spill-over to another purpose or category.
    expect(await t.reader.hasConsent(key(clinic, ConsentCategory.Labs, PurposeOfUse.HRESCH))).toBe(
      false,
    );
    expect(await t.reader.hasConsent(key(clinic, ConsentCategory.MentalHealth))).toBe(false);

    await registry.revoke({
      grantee: clinic,
      category: ConsentCategory.Labs,
      purpose: PurposeOfUse.TREAT,
    });
    expect(await t.reader.hasConsent(key(clinic, ConsentCategory.Labs))).toBe(false);
  });

  it('refuses an address without consent, and consent of one patient does not cover another', async () => {
    await t
      .as(patient)
      .grant({ grantee: clinic, category: ConsentCategory.Vitals, purpose: PurposeOfUse.TREAT });
    expect(await t.reader.hasConsent(key(stranger, ConsentCategory.Vitals))).toBe(false);
    expect(
      await t.reader.hasConsent({
        ...key(clinic, ConsentCategory.Vitals),
        patient: otherPatient.address,
      }),
    ).toBe(false);
  });

  it('answers a batch of checks in one call, in query order', async () => {
    const registry = t.as(patient);
    await registry.grant({
      grantee: lab,
      category: ConsentCategory.Hiv,
      purpose: PurposeOfUse.TREAT,
    });
    await registry.grant({
      grantee: lab,
      category: ConsentCategory.Genetics,
      purpose: PurposeOfUse.HRESCH,
    });
    const queries = [
      key(lab, ConsentCategory.Hiv),
      key(stranger, ConsentCategory.Hiv),
      key(lab, ConsentCategory.Genetics, PurposeOfUse.HRESCH),
      key(lab, ConsentCategory.Genetics, PurposeOfUse.TREAT),
      { ...key(lab, ConsentCategory.Hiv), patient: otherPatient.address },
    ];
    expect(await t.reader.hasConsentBatch(queries)).toEqual([true, false, true, false, false]);
    expect(await t.reader.hasConsentBatch([])).toEqual([]);
    const status = await t.reader.consentStatusBatch(queries.slice(0, 2));
    expect(status).toEqual([
      { granted: true, expiresAt: null },
      { granted: false, expiresAt: 0 },
    ]);
    expect(await t.reader.consentedCategories(patient.address, lab, PurposeOfUse.TREAT)).toEqual([
      ConsentCategory.Hiv,
    ]);
  });

  it('enforces expiry with chain time', async () => {
    const registry = t.as(patient);
    const now = await t.reader.chainTime();
    await registry.grant({
      grantee: clinic,
      category: ConsentCategory.Medications,
      purpose: PurposeOfUse.TREAT,
      expiresAt: now + 100,
    });
    const k = key(clinic, ConsentCategory.Medications);
    expect(await t.reader.hasConsent(k)).toBe(true);
    expect(await t.reader.consentStatusBatch([k])).toEqual([
      { granted: true, expiresAt: now + 100 },
    ]);

    await increaseTime(t.chain.rpcUrl, 101);
    expect(await t.reader.hasConsent(k)).toBe(false);
    const listed = (await t.reader.listGrants(patient.address)).find(
      (g) => g.grantee === clinic && g.category === ConsentCategory.Medications,
    );
    expect(listed).toEqual({
      grantee: clinic,
      category: ConsentCategory.Medications,
      purpose: PurposeOfUse.TREAT,
      expiresAt: now + 100,
      active: false,
    });
    // A lapsed grant can be renewed, and an expiry in the past is refused.
    const later = await t.reader.chainTime();
    const past = await rejection(
      registry.grant({
        grantee: clinic,
        category: ConsentCategory.Medications,
        purpose: 0,
        expiresAt: later - 5,
      }),
    );
    expect(past.errorName).toBe('InvalidExpiry');
    await registry.grant({ grantee: clinic, category: ConsentCategory.Medications, purpose: 0 });
    expect(await t.reader.hasConsent(k)).toBe(true);
  });

  it('lists exactly the grants that were not revoked', async () => {
    const registry = t.as(otherPatient);
    for (const category of [
      ConsentCategory.Demographics,
      ConsentCategory.Labs,
      ConsentCategory.Allergies,
    ]) {
      await registry.grant({ grantee: clinic, category, purpose: PurposeOfUse.HOPERAT });
    }
    // Revoking the first one moves the last into its slot: the list must stay exact.
    await registry.revoke({
      grantee: clinic,
      category: ConsentCategory.Demographics,
      purpose: PurposeOfUse.HOPERAT,
    });
    const grants = await t.reader.listGrants(otherPatient.address);
    expect(grants.map((g) => g.category).sort()).toEqual(
      [ConsentCategory.Allergies, ConsentCategory.Labs].sort(),
    );
    expect(grants.every((g) => g.grantee === clinic && g.active && g.expiresAt === null)).toBe(
      true,
    );
    await registry.revoke({
      grantee: clinic,
      category: ConsentCategory.Allergies,
      purpose: PurposeOfUse.HOPERAT,
    });
    await registry.revoke({
      grantee: clinic,
      category: ConsentCategory.Labs,
      purpose: PurposeOfUse.HOPERAT,
    });
    expect(await t.reader.listGrants(otherPatient.address)).toEqual([]);
  });

  it('rejects bad input with typed errors', async () => {
    const registry = t.as(patient);
    const notFound = await rejection(
      registry.revoke({
        grantee: stranger,
        category: ConsentCategory.Labs,
        purpose: PurposeOfUse.TREAT,
      }),
    );
    expect(notFound.errorName).toBe('ConsentNotFound');
    const zero = await rejection(
      registry.grant({
        grantee: '0x0000000000000000000000000000000000000000',
        category: 0,
        purpose: 0,
      }),
    );
    expect(zero.errorName).toBe('InvalidGrantee');
    // Out-of-range numbers are caught before any transaction ...
    await expect(
      registry.grant({ grantee: clinic, category: 13 as ConsentCategory, purpose: 0 }),
    ).rejects.toThrow(RangeError);
    // ... and by the contract itself for callers that bypass the bindings.
    const raw = await rejection(
      t.reader.contract
        .getFunction('hasConsent')
        .staticCall(patient.address, clinic, 13, 0)
        .catch((error: unknown) => {
          throw toRegistryError(error, t.reader.contract.interface);
        }),
    );
    expect(raw.errorName).toBe('InvalidCategory');
    // A failed transaction must not wedge the sender's nonce: the next one goes through.
    await registry.grant({ grantee: stranger, category: ConsentCategory.Encounters, purpose: 0 });
    expect(await t.reader.hasConsent(key(stranger, ConsentCategory.Encounters))).toBe(true);
  });

  it('emits events whose topics let caches filter by patient and grantee', async () => {
    const from = await t.provider.getBlockNumber();
    const result = await t.as(patient).grant({
      grantee: lab,
      category: ConsentCategory.SubstanceUse,
      purpose: PurposeOfUse.TREAT,
    });
    const receipt = await t.provider.getTransactionReceipt(result.hash);
    const log = receipt!.logs[0];
    expect(log.topics).toEqual([
      id('ConsentGranted(address,address,uint8,uint8,uint64,address)'),
      zeroPadValue(patient.address.toLowerCase(), 32),
      zeroPadValue(lab.toLowerCase(), 32),
      zeroPadValue('0x09', 32),
    ]);
    await t
      .as(patient)
      .revoke({ grantee: lab, category: ConsentCategory.SubstanceUse, purpose: 0 });
    await t.as(otherPatient).grant({ grantee: lab, category: ConsentCategory.Labs, purpose: 0 });

    const mine = await t.reader.queryEvents({ fromBlock: from + 1, patient: patient.address });
    expect(mine.map((e) => e.name)).toEqual(['ConsentGranted', 'ConsentRevoked']);
    expect(mine[0]).toMatchObject({
      name: 'ConsentGranted',
      patient: patient.address,
      grantee: lab,
      category: ConsentCategory.SubstanceUse,
      purpose: PurposeOfUse.TREAT,
      expiresAt: null,
      actor: patient.address,
    });
    const labEvents = await t.reader.queryEvents({
      fromBlock: from + 1,
      grantee: lab,
      maxBlockRange: 1,
    });
    expect(labEvents.map((e) => e.name)).toEqual([
      'ConsentGranted',
      'ConsentRevoked',
      'ConsentGranted',
    ]);
  });

  it('delivers new events to a polling watcher', async () => {
    const from = (await t.provider.getBlockNumber()) + 1;
    const received = new Promise<string[]>((resolve, reject) => {
      const watch = t.reader.watchEvents({
        fromBlock: from,
        pollIntervalMs: 20,
        patient: otherPatient.address,
        onEvents: (events) => {
          watch.stop();
          resolve(events.map((e) => e.name));
        },
        onError: reject,
      });
    });
    await t.as(otherPatient).revoke({ grantee: lab, category: ConsentCategory.Labs, purpose: 0 });
    expect(await received).toEqual(['ConsentRevoked']);
  });
});
