import zlib from 'node:zlib';
import { hexlify, keccak256, sha256, toUtf8Bytes } from 'ethers';
import { ConsentCategory, PurposeOfUse } from './consent-codes';
import {
  devAnchorerWallet,
  devOrganizationWallet,
  devPatientWallet,
  devRelayerWallet,
} from './dev-accounts';
import { rpc } from './local-chain';
import { startTestRegistry, type TestRegistry } from './testing/test-registry';

// The privacy rule of the registry: the only patient data on chain are addresses. A full
// consent flow runs; then every transaction's calldata, every log and the whole chain state
// (storage included) are searched for the test patient's identifiers and hashes of them.

/** A synthetic patient as the off-chain systems know them (never sent to the chain). */
const PERSON = {
  patientId: 'pat-7f3a9c21',
  name: 'Maria Testperson',
  family: 'Testperson',
  mrn: 'RIV-00421379',
  ssn: '999-12-3456',
  birthDate: '1984-03-17',
};

let t: TestRegistry;
beforeAll(async () => {
  t = await startTestRegistry();
});
afterAll(async () => {
  await t?.stop();
});

const strip = (hex: string) => hex.toLowerCase().replace(/^0x/, '');

/** Every way the identifiers could end up on chain: raw bytes and common hashes. */
function needles(): Map<string, string> {
  const found = new Map<string, string>();
  for (const [field, value] of Object.entries(PERSON)) {
    for (const variant of new Set([value, value.toLowerCase(), value.toUpperCase()])) {
      const bytes = toUtf8Bytes(variant);
      found.set(strip(hexlify(bytes)), `${field} as UTF-8`);
      found.set(strip(keccak256(bytes)), `keccak256(${field})`);
      found.set(strip(sha256(bytes)), `sha256(${field})`);
    }
  }
  return found;
}

async function chainContents(
  fromBlock: number,
): Promise<{ calldata: string; logs: string; state: string }> {
  const latest = await t.provider.getBlockNumber();
  let calldata = '';
  let logs = '';
  for (let n = fromBlock; n <= latest; n++) {
    const block = await t.provider.getBlock(n, true);
    for (const tx of block?.prefetchedTransactions ?? []) {
      calldata += strip(tx.data);
      const receipt = await t.provider.getTransactionReceipt(tx.hash);
      for (const log of receipt?.logs ?? [])
        logs += log.topics.map(strip).join('') + strip(log.data);
    }
  }
  const dump = await rpc<string>(t.chain.rpcUrl, 'anvil_dumpState', []);
  const state = zlib
    .gunzipSync(Buffer.from(strip(dump), 'hex'))
    .toString('utf8')
    .toLowerCase();
  return { calldata, logs, state };
}

function findLeaks(contents: { calldata: string; logs: string; state: string }): string[] {
  const leaks: string[] = [];
  for (const [needle, what] of needles()) {
    if (contents.calldata.includes(needle)) leaks.push(`${what} in calldata`);
    if (contents.logs.includes(needle)) leaks.push(`${what} in logs`);
    if (contents.state.includes(needle)) leaks.push(`${what} in state`);
  }
  for (const value of Object.values(PERSON)) {
    if (contents.state.includes(value.toLowerCase())) leaks.push(`${value} as text in state`);
  }
  return leaks;
}

describe('no patient identifier on chain', () => {
  it('a full consent flow leaves only addresses of the patient on chain', async () => {
    const patient = devPatientWallet(30);
    const guardian = devPatientWallet(31);
    const clinic = devOrganizationWallet('riverside-health').address;
    const hospital = devOrganizationWallet('riverside-hospital');
    const relayer = t.as(devRelayerWallet());
    const fromBlock = await t.provider.getBlockNumber();

    for (const category of [
      ConsentCategory.Labs,
      ConsentCategory.MentalHealth,
      ConsentCategory.Hiv,
    ]) {
      const signed = await t.reader.signGrant(patient, {
        grantee: clinic,
        category,
        purpose: PurposeOfUse.TREAT,
      });
      await relayer.submitSignedGrant(signed);
    }
    await relayer.submitSignedDelegate(
      await t.reader.signDelegate(patient, guardian.address, true),
    );
    const byGuardian = {
      patient: patient.address,
      grantee: clinic,
      category: ConsentCategory.Genetics,
      purpose: PurposeOfUse.HRESCH,
    };
    await relayer.submitSignedGrant(await t.reader.signGrant(guardian, byGuardian));
    await relayer.submitSignedRevocation(
      await t.reader.signRevocation(patient, {
        grantee: clinic,
        category: ConsentCategory.Hiv,
        purpose: PurposeOfUse.TREAT,
      }),
    );
    // The break-glass justification is a salted hash of the off-chain audit record.
    const auditRecord = JSON.stringify({ entry: 41, salt: 'c0ffee', patient: PERSON.patientId });
    await t.as(hospital).recordEmergencyAccess({
      patient: patient.address,
      categories: [ConsentCategory.Medications],
      reasonCode: 'PATIENT_UNRESPONSIVE',
      justificationHash: keccak256(toUtf8Bytes(auditRecord)),
    });
    await t
      .as(devAnchorerWallet())
      .anchorAuditHead({ headHash: keccak256(toUtf8Bytes(auditRecord)), entryCount: 41 });

    const { calldata, logs, state } = await chainContents(fromBlock + 1);

    // The search works: it does find what the flow did put on chain.
    const patientHex = strip(patient.address);
    expect(calldata).toContain(patientHex);
    expect(logs).toContain(patientHex);
    expect(state).toContain(strip(clinic)); // grants store the grantee
    expect(calldata).toContain(strip(hexlify(toUtf8Bytes('PATIENT_UNRESPONSIVE'))));

    const leaks = findLeaks({ calldata, logs, state });
    expect(leaks).toEqual([]);
  });

  it('the search would notice an identifier (canary transaction)', async () => {
    const fromBlock = (await t.provider.getBlockNumber()) + 1;
    const relayer = devRelayerWallet().connect(t.provider);
    const tx = await relayer.sendTransaction({
      to: devOrganizationWallet('northside-clinic').address,
      data: hexlify(toUtf8Bytes(`note ${PERSON.mrn}`)),
    });
    await tx.wait();
    expect(findLeaks(await chainContents(fromBlock))).toContain('mrn as UTF-8 in calldata');
  });
});
