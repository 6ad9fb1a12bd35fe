import { ConsentCategory, PurposeOfUse } from '../../contracts/consent-codes';
import { ConsentRegistry } from '../../contracts/consent-registry';
import {
  devOrganizationWallet,
  devPatientWallet,
  devRelayerWallet,
} from '../../contracts/dev-accounts';
import { VENDOR_SYSTEMS } from '../../generator/vendor-systems';
import { chainAddressLinkMessage } from '../../subgraphs/identity/linking/chain-address-message';
import { BENCH_ORGANIZATION } from './bench-stack';

/** What a patient summary reads; every benchmark patient consents to exactly these. */
export const SUMMARY_CATEGORIES = [
  ConsentCategory.Demographics,
  ConsentCategory.Encounters,
  ConsentCategory.Conditions,
  ConsentCategory.Labs,
  ConsentCategory.Wearables,
];

/** A patient as the benchmark grants for: their wallet and their record's MRN. */
export interface ConsentingPatient {
  walletIndex: number;
  mrn: string;
}

async function pool<T>(items: readonly T[], workers: number, work: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.min(workers, queue.length) }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

/**
 * Links each patient's wallet to their record the way a patient app does: the
 * wallet signs the link message and identity's POST /chain-addresses checks it.
 */
export async function linkChainAddresses(
  identityUrl: string,
  serviceToken: string,
  patients: readonly ConsentingPatient[],
): Promise<void> {
  await pool(patients, 8, async (patient) => {
    const wallet = devPatientWallet(patient.walletIndex);
    const identifier = { system: VENDOR_SYSTEMS.riversideMrn, value: patient.mrn };
    const issuedAt = new Date().toISOString();
    const signature = await wallet.signMessage(
      chainAddressLinkMessage({ ...identifier, address: wallet.address, issuedAt }),
    );
    const response = await fetch(`${identityUrl}/chain-addresses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${serviceToken}` },
      body: JSON.stringify({ identifier, address: wallet.address, issuedAt, signature }),
    });
    if (!response.ok) {
      throw new Error(
        `linking a chain address failed: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`,
      );
    }
  });
}

/**
 * Each patient signs (EIP-712) grants of the summary categories to the benchmark
 * organisation and the relayer submits them: the path a patient app takes. Patients
 * are granted in parallel (each patient's own grants in nonce order); the relayer's
 * NonceManager keeps its transactions apart. Returns the number of grants mined.
 */
export async function grantSummaryConsents(
  chain: { rpcUrl: string; registryAddress: string },
  walletIndexes: readonly number[],
  categories: readonly ConsentCategory[] = SUMMARY_CATEGORIES,
  workers = 16,
): Promise<number> {
  const { registry, provider } = ConsentRegistry.connect({
    rpcUrl: chain.rpcUrl,
    address: chain.registryAddress,
    privateKey: devRelayerWallet().privateKey,
  });
  const grantee = devOrganizationWallet(BENCH_ORGANIZATION).address;
  let granted = 0;
  try {
    await pool(walletIndexes, workers, async (index) => {
      const patient = devPatientWallet(index);
      let nonce = await registry.nonceOf(patient.address);
      for (const category of categories) {
        const signed = await registry.signGrant(
          patient,
          { grantee, category, purpose: PurposeOfUse.TREAT },
          { nonce },
        );
        await registry.submitSignedGrant(signed);
        nonce += 1n;
        granted++;
      }
    });
  } finally {
    provider.destroy();
  }
  return granted;
}
