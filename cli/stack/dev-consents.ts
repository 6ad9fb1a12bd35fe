import type { ConsentCategory } from '../../contracts/consent-codes';
import { PurposeOfUse } from '../../contracts/consent-codes';
import { ConsentRegistry } from '../../contracts/consent-registry';
import {
  devOrganizationWallet,
  devPatientWallet,
  devRelayerWallet,
} from '../../contracts/dev-accounts';
import { VENDOR_SYSTEMS } from '../../generator/vendor-systems';
import { chainAddressLinkMessage } from '../../subgraphs/identity/linking/chain-address-message';

/** A generated patient as consent set-up needs them: their dev wallet and their record's MRN. */
export interface ConsentingPatient {
  walletIndex: number;
  mrn: string;
}

/** Runs `work` over `items`, at most `workers` at a time. */
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
 * Returns the number linked.
 */
export async function linkChainAddresses(
  identity: { url: string; serviceToken: string },
  patients: readonly ConsentingPatient[],
  workers = 8,
): Promise<number> {
  await pool(patients, workers, async (patient) => {
    const wallet = devPatientWallet(patient.walletIndex);
    const identifier = { system: VENDOR_SYSTEMS.riversideMrn, value: patient.mrn };
    const issuedAt = new Date().toISOString();
    const signature = await wallet.signMessage(
      chainAddressLinkMessage({ ...identifier, address: wallet.address, issuedAt }),
    );
    const response = await fetch(`${identity.url}/chain-addresses`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${identity.serviceToken}`,
      },
      body: JSON.stringify({ identifier, address: wallet.address, issuedAt, signature }),
    });
    if (!response.ok) {
      throw new Error(
        `linking a chain address failed: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`,
      );
    }
  });
  return patients.length;
}

/**
 * Each patient signs (EIP-712) grants of `categories` to the organisation and the
 * dev relayer submits them: the path a patient app takes, with no ether in the
 * patients' wallets. Patients are granted in parallel (each patient's own grants
 * in nonce order); the relayer's NonceManager keeps its transactions apart.
 * Returns the number of grants mined.
 */
export async function grantConsents(
  chain: { rpcUrl: string; registryAddress: string },
  walletIndexes: readonly number[],
  grant: {
    organization: string;
    categories: readonly ConsentCategory[];
    purpose?: PurposeOfUse;
    workers?: number;
  },
): Promise<number> {
  const { registry, provider } = ConsentRegistry.connect({
    rpcUrl: chain.rpcUrl,
    address: chain.registryAddress,
    privateKey: devRelayerWallet().privateKey,
  });
  const grantee = devOrganizationWallet(grant.organization).address;
  const purpose = grant.purpose ?? PurposeOfUse.TREAT;
  let granted = 0;
  try {
    await pool(walletIndexes, grant.workers ?? 16, async (index) => {
      const patient = devPatientWallet(index);
      let nonce = await registry.nonceOf(patient.address);
      for (const category of grant.categories) {
        const signed = await registry.signGrant(patient, { grantee, category, purpose }, { nonce });
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
