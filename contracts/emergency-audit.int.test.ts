import {
  ZeroHash,
  decodeBytes32String,
  encodeBytes32String,
  id,
  keccak256,
  toUtf8Bytes,
  zeroPadValue,
} from 'ethers';
import { ConsentCategory, PurposeOfUse } from './consent-codes';
import { DEFAULT_AUDIT_LOG_ID } from './consent-registry';
import { ConsentRegistryError, toRegistryError } from './registry-errors';
import {
  devAnchorerWallet,
  devDeployerWallet,
  devOrganizationWallet,
  devPatientWallet,
} from './dev-accounts';
import { startTestRegistry, type TestRegistry } from './testing/test-registry';

// Break-glass records and audit-log anchoring.
let t: TestRegistry;
const patient = devPatientWallet(20);
const hospital = devOrganizationWallet('riverside-hospital');

beforeAll(async () => {
  t = await startTestRegistry();
});
afterAll(async () => {
  await t?.stop();
});

async function errorName(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConsentRegistryError);
  return (error as ConsentRegistryError).errorName;
}

describe('emergency access (break-glass)', () => {
  it('records an ETREAT access as an event filterable by patient and organisation', async () => {
    const justificationHash = keccak256(toUtf8Bytes('audit-entry:0001:salt'));
    const result = await t.as(hospital).recordEmergencyAccess({
      patient: patient.address,
      categories: [ConsentCategory.Medications, ConsentCategory.Allergies],
      reasonCode: 'PATIENT_UNRESPONSIVE',
      justificationHash,
    });
    const receipt = await t.provider.getTransactionReceipt(result.hash);
    expect(receipt!.logs[0].topics).toEqual([
      id('EmergencyAccess(address,address,uint16,bytes32,bytes32)'),
      zeroPadValue(patient.address.toLowerCase(), 32),
      zeroPadValue(hospital.address.toLowerCase(), 32),
    ]);
    const [event] = await t.reader.queryEvents({
      fromBlock: result.blockNumber,
      patient: patient.address,
      grantee: hospital.address,
      names: ['EmergencyAccess'],
    });
    expect(event).toMatchObject({
      name: 'EmergencyAccess',
      patient: patient.address,
      organization: hospital.address,
      categories: [ConsentCategory.Medications, ConsentCategory.Allergies],
      justificationHash,
    });
    expect(event.name === 'EmergencyAccess' && decodeBytes32String(event.reasonCode)).toBe(
      'PATIENT_UNRESPONSIVE',
    );
    // A record is not a consent.
    expect(
      await t.reader.hasConsent({
        patient: patient.address,
        grantee: hospital.address,
        category: ConsentCategory.Medications,
        purpose: PurposeOfUse.ETREAT,
      }),
    ).toBe(false);
  });

  it('accepts codes only, never prose, and needs at least one known category', async () => {
    const record = { patient: patient.address, categories: [ConsentCategory.Labs] };
    await expect(
      t.as(hospital).recordEmergencyAccess({ ...record, reasonCode: 'Jane Doe collapsed' }),
    ).rejects.toThrow(RangeError);
    await expect(
      t
        .as(hospital)
        .recordEmergencyAccess({ ...record, reasonCode: 'CODE', justificationHash: '0x12' }),
    ).rejects.toThrow(RangeError);
    // Straight to the contract, past the bindings' own checks.
    const raw = t.as(hospital).contract.getFunction('recordEmergencyAccess');
    const send = (mask: number, reasonCode: string) =>
      raw.staticCall(patient.address, mask, reasonCode, ZeroHash).catch((e: unknown) => {
        throw toRegistryError(e, t.reader.contract.interface);
      });
    const reason = encodeBytes32String('CODE');
    expect(await errorName(send(0, reason))).toBe('InvalidCategoryMask');
    expect(await errorName(send(1 << 13, reason))).toBe('InvalidCategoryMask');
    expect(await errorName(send(1, ZeroHash))).toBe('InvalidReasonCode');
    await send(1, reason); // the same call with valid values goes through
  });
});

describe('audit anchoring', () => {
  const head = (n: number) => keccak256(toUtf8Bytes(`head-${n}`));

  it('stores the head hash anchored by an authorised anchorer and emits AuditAnchored', async () => {
    const anchorer = devAnchorerWallet();
    expect(await t.reader.isAnchorer(anchorer.address)).toBe(true);
    expect(await t.reader.latestAuditHead()).toBeNull();
    const result = await t.as(anchorer).anchorAuditHead({ headHash: head(10), entryCount: 10 });
    const now = await t.reader.chainTime();
    expect(await t.reader.latestAuditHead()).toEqual({
      headHash: head(10),
      entryCount: 10,
      anchoredAt: now,
    });
    const [event] = await t.reader.queryEvents({
      fromBlock: result.blockNumber,
      names: ['AuditAnchored'],
    });
    expect(event).toMatchObject({
      name: 'AuditAnchored',
      logId: DEFAULT_AUDIT_LOG_ID,
      anchorer: anchorer.address,
      headHash: head(10),
      entryCount: 10,
    });
  });

  it('refuses anchors that do not extend the log, and anchorers the owner did not appoint', async () => {
    const anchorer = t.as(devAnchorerWallet());
    expect(await errorName(anchorer.anchorAuditHead({ headHash: head(9), entryCount: 9 }))).toBe(
      'StaleAuditHead',
    );
    expect(await errorName(anchorer.anchorAuditHead({ headHash: head(99), entryCount: 10 }))).toBe(
      'StaleAuditHead',
    );
    // Another log (a new genesis) has its own series.
    await anchorer.anchorAuditHead({ logId: id('other-log'), headHash: head(1), entryCount: 1 });

    const outsider = t.as(hospital);
    expect(await errorName(outsider.anchorAuditHead({ headHash: head(11), entryCount: 11 }))).toBe(
      'NotAnchorer',
    );
    expect(await errorName(outsider.setAnchorer(hospital.address, true))).toBe('NotOwner');
    await t.as(devDeployerWallet()).setAnchorer(hospital.address, true);
    await outsider.anchorAuditHead({ headHash: head(11), entryCount: 11 });
    await t.as(devDeployerWallet()).setAnchorer(hospital.address, false);
    expect(await errorName(outsider.anchorAuditHead({ headHash: head(12), entryCount: 12 }))).toBe(
      'NotAnchorer',
    );
    expect((await t.reader.latestAuditHead())?.entryCount).toBe(11);
  });
});
