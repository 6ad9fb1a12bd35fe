import fs from 'node:fs';
import path from 'node:path';
import { ConsentCategory, PurposeOfUse } from '../../contracts/consent-codes';
import { ConsentRegistry } from '../../contracts/consent-registry';
import {
  devOrganizationWallet,
  devPatientWallet,
  devRelayerWallet,
} from '../../contracts/dev-accounts';
import { VENDOR_SYSTEMS } from '../../generator/vendor-systems';
import {
  listVendorFiles,
  readPeople,
  writePopulation,
  type PopulationManifest,
} from '../../generator/write-population';
import { chainAddressLinkMessage } from '../../subgraphs/identity/linking/chain-address-message';
import { sendFhirFiles } from '../ingest/fhir.sender';
import { sendHl7v2Files } from '../ingest/hl7v2.sender';
import type { IngestSummary } from '../ingest/ingest-summary';
import { sendWearableFiles } from '../ingest/wearables.sender';
import { seedDir, type SeedOptions, type SubgraphName } from './stack-options';

export interface SeedReport {
  dir: string;
  manifest: PopulationManifest;
  ingest: IngestSummary[];
  chainAddresses: number;
  /** Consents the seeded patients granted (signed by them, submitted by the relayer). */
  consents: number;
  /** True when the stores already held this seed from an earlier start. */
  reused: boolean;
}

interface SeedInput {
  home: string;
  seed: SeedOptions;
  subgraphUrls: Record<SubgraphName, string>;
  mllp: { host: string; port: number };
  serviceToken: string;
  chain: { rpcUrl: string; registryAddress: string };
  onProgress: (message: string) => void;
}

/** The demo organisation every seeded patient consents to, for treatment. */
export const SEED_GRANTEE = 'riverside-health';
/** The ordinary categories: specially protected ones (PSY, SUD, HIV, ...) stay unconsented. */
export const SEED_CATEGORIES = [
  ConsentCategory.Demographics,
  ConsentCategory.Encounters,
  ConsentCategory.Conditions,
  ConsentCategory.Medications,
  ConsentCategory.Allergies,
  ConsentCategory.Labs,
  ConsentCategory.Vitals,
  ConsentCategory.Wearables,
];

/**
 * Seeds an empty stack with the synthetic population through each vendor's real
 * ingest path (FHIR bundles over HTTP, HL7 v2 over MLLP, wearable payloads over
 * HTTP), then links each patient's consent-chain wallet to their record. Runs once
 * per state folder: later starts find the marker and leave the data alone.
 */
export async function seedStack(input: SeedInput): Promise<SeedReport> {
  const dir = seedDir(input.home);
  const marker = path.join(dir, 'seeded.json');
  if (fs.existsSync(marker)) {
    const report = JSON.parse(fs.readFileSync(marker, 'utf8')) as SeedReport;
    input.onProgress(`stores already hold the seeded population (${report.manifest.size} people)`);
    return { ...report, reused: true };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  input.onProgress(`generating ${input.seed.size} synthetic patients (seed ${input.seed.seed})`);
  const manifest = writePopulation(dir, {
    seed: input.seed.seed,
    size: input.seed.size,
    asOf: input.seed.asOf,
    wearableDays: input.seed.wearableDays,
  });
  const target = (name: SubgraphName) => ({
    baseUrl: input.subgraphUrls[name],
    serviceToken: input.serviceToken,
  });
  const ingest = await Promise.all([
    sendFhirFiles(listVendorFiles(dir, 'ehr-fhir'), target('ehr-fhir')),
    sendHl7v2Files(listVendorFiles(dir, 'ehr-hl7v2'), { ...target('ehr-hl7v2'), mllp: input.mllp }),
    sendWearableFiles(listVendorFiles(dir, 'wearables'), target('wearables')),
  ]);
  for (const summary of ingest) {
    input.onProgress(
      `ingested ${summary.accepted} ${summary.unit} (${summary.format}), ${summary.duplicates} duplicates, ${summary.rejected.length} rejected`,
    );
  }
  let chainAddresses = 0;
  for (const person of readPeople(dir)) {
    const wallet = devPatientWallet(person.walletIndex);
    const identifier = { system: VENDOR_SYSTEMS.riversideMrn, value: person.ids.mrn };
    const issuedAt = new Date().toISOString();
    const signature = await wallet.signMessage(
      chainAddressLinkMessage({ ...identifier, address: wallet.address, issuedAt }),
    );
    const response = await fetch(`${input.subgraphUrls.identity}/chain-addresses`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${input.serviceToken}`,
      },
      body: JSON.stringify({ identifier, address: wallet.address, issuedAt, signature }),
    });
    if (!response.ok) {
      throw new Error(
        `linking the chain address of ${person.key} failed: HTTP ${response.status} ${await response.text()}`,
      );
    }
    chainAddresses++;
  }
  input.onProgress(`linked ${chainAddresses} patient wallets to their records`);
  const consents = await grantSeedConsents(
    input,
    readPeople(dir).map((p) => p.walletIndex),
  );
  input.onProgress(
    `patients granted ${consents} consents to ${SEED_GRANTEE} (treatment, ordinary categories)`,
  );
  const report: SeedReport = { dir, manifest, ingest, chainAddresses, consents, reused: false };
  fs.writeFileSync(marker, `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

/**
 * Each seeded patient signs (EIP-712) grants of the ordinary categories to the
 * demo organisation, and the relayer submits them: the same path a patient app
 * takes, with no ether in the patients' wallets.
 */
async function grantSeedConsents(input: SeedInput, walletIndexes: number[]): Promise<number> {
  const { registry, provider } = ConsentRegistry.connect({
    rpcUrl: input.chain.rpcUrl,
    address: input.chain.registryAddress,
    privateKey: devRelayerWallet().privateKey,
  });
  const grantee = devOrganizationWallet(SEED_GRANTEE).address;
  let granted = 0;
  try {
    for (const index of walletIndexes) {
      const patient = devPatientWallet(index);
      let nonce = await registry.nonceOf(patient.address);
      for (const category of SEED_CATEGORIES) {
        const signed = await registry.signGrant(
          patient,
          { grantee, category, purpose: PurposeOfUse.TREAT },
          { nonce },
        );
        await registry.submitSignedGrant(signed);
        nonce += 1n;
        granted++;
      }
    }
  } finally {
    provider.destroy();
  }
  return granted;
}
