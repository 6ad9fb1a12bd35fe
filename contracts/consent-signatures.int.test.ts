import { Wallet } from 'ethers';
import { ConsentCategory, PurposeOfUse } from './consent-codes';
import { signDelegateRequest } from './consent-typed-data';
import { ConsentRegistryError } from './registry-errors';
import {
  anvilDevWallet,
  devOrganizationWallet,
  devPatientWallet,
  devRelayerWallet,
} from './dev-accounts';
import { increaseTime } from './local-chain';
import { startTestRegistry, type TestRegistry } from './testing/test-registry';

// EIP-712 consents submitted by a relayer for patients who hold no ether, and delegates.
let t: TestRegistry;
const patient = devPatientWallet(10);
const guardian = devPatientWallet(11);
const clinic = devOrganizationWallet('riverside-health').address;
const research = devOrganizationWallet('lakeside-research').address;
const labs = { grantee: clinic, category: ConsentCategory.Labs, purpose: PurposeOfUse.TREAT };

beforeAll(async () => {
  t = await startTestRegistry();
});
afterAll(async () => {
  await t?.stop();
});

const relayer = () => t.as(devRelayerWallet());
const check = (grantee: string, category: ConsentCategory, purpose: PurposeOfUse) =>
  t.reader.hasConsent({ patient: patient.address, grantee, category, purpose });

async function errorName(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConsentRegistryError);
  return (error as ConsentRegistryError).errorName;
}

describe('signed consents (relayer)', () => {
  it('patients hold no ether', async () => {
    expect(await t.provider.getBalance(patient.address)).toBe(0n);
    expect(await t.provider.getBalance(guardian.address)).toBe(0n);
  });

  it('accepts a valid signed grant and records the patient, not the relayer, as actor', async () => {
    const signed = await t.reader.signGrant(patient, labs);
    expect(signed.request.nonce).toBe(0n);
    const from = await t.provider.getBlockNumber();
    await relayer().submitSignedGrant(signed);
    expect(await check(clinic, ConsentCategory.Labs, PurposeOfUse.TREAT)).toBe(true);
    expect(await t.reader.nonceOf(patient.address)).toBe(1n);
    const [event] = await t.reader.queryEvents({ fromBlock: from + 1, names: ['ConsentGranted'] });
    expect(event).toMatchObject({ patient: patient.address, actor: patient.address });
  });

  it('rejects a replayed signature', async () => {
    const signed = await t.reader.signGrant(patient, { ...labs, category: ConsentCategory.Vitals });
    await relayer().submitSignedGrant(signed);
    expect(await errorName(relayer().submitSignedGrant(signed))).toBe('InvalidNonce');
  });

  it('rejects a signature by someone who is neither the patient nor a delegate', async () => {
    const impostor = Wallet.createRandom();
    const forged = await t.reader.signGrant(impostor, { ...labs, patient: patient.address });
    expect(await errorName(relayer().submitSignedGrant(forged))).toBe('UnauthorizedSigner');
    // Tampering with a genuine request changes the recovered signer just the same.
    const genuine = await t.reader.signGrant(patient, labs);
    const tampered = { ...genuine, request: { ...genuine.request, grantee: research } };
    expect(await errorName(relayer().submitSignedGrant(tampered))).toBe('UnauthorizedSigner');
    expect(await check(research, ConsentCategory.Labs, PurposeOfUse.TREAT)).toBe(false);
    const garbage = { ...genuine, signature: '0x1234' };
    expect(await errorName(relayer().submitSignedGrant(garbage))).toBe('InvalidSignature');
  });

  it('rejects a signature past its deadline', async () => {
    const now = await t.reader.chainTime();
    const signed = await t.reader.signGrant(patient, labs, { deadline: now + 30 });
    await increaseTime(t.chain.rpcUrl, 60);
    expect(await errorName(relayer().submitSignedGrant(signed))).toBe('SignatureExpired');
  });

  it('accepts a signed revocation, and pre-signed requests in nonce order', async () => {
    const nonce = await t.reader.nonceOf(patient.address);
    const grant = await t.reader.signGrant(
      patient,
      { ...labs, category: ConsentCategory.Hiv },
      { nonce },
    );
    const revoke = await t.reader.signRevocation(
      patient,
      { ...labs, category: ConsentCategory.Hiv },
      { nonce: nonce + 1n },
    );
    // Out of order: the revocation's nonce is not due yet.
    expect(await errorName(relayer().submitSignedRevocation(revoke))).toBe('InvalidNonce');
    await relayer().submitSignedGrant(grant);
    expect(await check(clinic, ConsentCategory.Hiv, PurposeOfUse.TREAT)).toBe(true);
    await relayer().submitSignedRevocation(revoke);
    expect(await check(clinic, ConsentCategory.Hiv, PurposeOfUse.TREAT)).toBe(false);
  });
});

describe('delegates (guardians)', () => {
  it('a delegate appointed by signature grants and revokes for the patient, by signature', async () => {
    await relayer().submitSignedDelegate(
      await t.reader.signDelegate(patient, guardian.address, true),
    );
    expect(await t.reader.isDelegate(patient.address, guardian.address)).toBe(true);

    const terms = {
      patient: patient.address,
      grantee: research,
      category: ConsentCategory.Genetics,
      purpose: PurposeOfUse.HRESCH,
    };
    const from = await t.provider.getBlockNumber();
    await relayer().submitSignedGrant(await t.reader.signGrant(guardian, terms));
    expect(await check(research, ConsentCategory.Genetics, PurposeOfUse.HRESCH)).toBe(true);
    const [event] = await t.reader.queryEvents({ fromBlock: from + 1, names: ['ConsentGranted'] });
    expect(event).toMatchObject({ patient: patient.address, actor: guardian.address });

    await relayer().submitSignedRevocation(await t.reader.signRevocation(guardian, terms));
    expect(await check(research, ConsentCategory.Genetics, PurposeOfUse.HRESCH)).toBe(false);
  });

  it('a delegate cannot appoint other delegates', async () => {
    const forged = await signDelegateRequest(guardian, await t.reader.domain(), {
      patient: patient.address,
      delegate: anvilDevWallet(9).address,
      allowed: true,
      nonce: await t.reader.nonceOf(patient.address),
      deadline: BigInt((await t.reader.chainTime()) + 600),
    });
    expect(await errorName(relayer().submitSignedDelegate(forged))).toBe('UnauthorizedSigner');
    expect(await t.reader.isDelegate(patient.address, anvilDevWallet(9).address)).toBe(false);
  });

  it('a delegate acts directly too, and loses the power once removed', async () => {
    await t.fund(guardian.address);
    const asGuardian = t.as(guardian);
    await asGuardian.grantFor(patient.address, { ...labs, category: ConsentCategory.MentalHealth });
    expect(await check(clinic, ConsentCategory.MentalHealth, PurposeOfUse.TREAT)).toBe(true);

    await relayer().submitSignedDelegate(
      await t.reader.signDelegate(patient, guardian.address, false),
    );
    expect(await t.reader.isDelegate(patient.address, guardian.address)).toBe(false);

    const direct = asGuardian.grantFor(patient.address, {
      ...labs,
      category: ConsentCategory.SubstanceUse,
    });
    expect(await errorName(direct)).toBe('NotPatientOrDelegate');
    const revokeDirect = asGuardian.revokeFor(patient.address, {
      ...labs,
      category: ConsentCategory.MentalHealth,
    });
    expect(await errorName(revokeDirect)).toBe('NotPatientOrDelegate');
    const bySignature = await t.reader.signGrant(guardian, {
      ...labs,
      patient: patient.address,
      category: ConsentCategory.SubstanceUse,
    });
    expect(await errorName(relayer().submitSignedGrant(bySignature))).toBe('UnauthorizedSigner');
    expect(await check(clinic, ConsentCategory.SubstanceUse, PurposeOfUse.TREAT)).toBe(false);
  });

  it('a patient with ether can manage delegates directly; a stranger cannot act for the patient', async () => {
    const funded = devPatientWallet(12);
    await t.fund(funded.address);
    const from = await t.provider.getBlockNumber();
    await t.as(funded).setDelegate(guardian.address, true);
    await t.as(funded).setDelegate(guardian.address, false);
    const events = await t.reader.queryEvents({ fromBlock: from + 1, patient: funded.address });
    expect(events.map((e) => e.name)).toEqual(['DelegateSet', 'DelegateRemoved']);
    expect(await errorName(t.as(funded).setDelegate(funded.address, true))).toBe('InvalidDelegate');
    const stranger = t.as(devOrganizationWallet('northside-clinic'));
    expect(await errorName(stranger.grantFor(funded.address, labs))).toBe('NotPatientOrDelegate');
  });
});

describe('a relayer submitting many patients at once', () => {
  it('keeps its nonces gapless when some submissions are refused, so none waits forever', async () => {
    const submitter = relayer();
    const patients = Array.from({ length: 12 }, (_, i) => devPatientWallet(40 + i));
    // Everything signed first, then submitted at once: the sends overlap.
    const signed = await Promise.all(patients.map((wallet) => t.reader.signGrant(wallet, labs)));
    const wrong = (await t.reader.signGrant(guardian, labs)).signature;
    // Every fourth carries another patient's signature: its gas estimation reverts.
    const submissions = signed.map((grant, i) =>
      submitter.submitSignedGrant(i % 4 === 3 ? { ...grant, signature: wrong } : grant),
    );
    const results = await Promise.allSettled(submissions);
    expect(results.map((r) => r.status)).toEqual(
      patients.map((_, i) => (i % 4 === 3 ? 'rejected' : 'fulfilled')),
    );
    // Nothing is stuck behind a missing nonce, and the next submission is mined.
    const pool = (await t.provider.send('txpool_status', [])) as { queued: string };
    expect(Number(pool.queued)).toBe(0);
    const next = devPatientWallet(60);
    await submitter.submitSignedGrant(await t.reader.signGrant(next, labs));
    expect(
      await t.reader.hasConsent({
        patient: next.address,
        grantee: clinic,
        category: ConsentCategory.Labs,
        purpose: PurposeOfUse.TREAT,
      }),
    ).toBe(true);
  }, 30_000);
});
