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
import { HL7V2_SYSTEM_PREFIX } from '../../subgraphs/ehr-hl7v2/mappers/identifier-systems';
import type { Person } from '../../generator/population';
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
  await waitForLinks(input, readPeople(dir));
  input.onProgress('every vendor record is linked to its patient');
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

/** Each vendor's own key for a person, as the vendor announces it to identity. */
function vendorKeys(person: Person): { system: string; value: string }[] {
  const keys = [
    { system: `${VENDOR_SYSTEMS.ehrFhirBase}/Patient`, value: person.ids.fhirPatientId },
    {
      system: `${HL7V2_SYSTEM_PREFIX}${VENDOR_SYSTEMS.hospitalLabAuthority}`,
      value: person.ids.hl7PatientId,
    },
  ];
  if (person.wearable)
    keys.push({ system: VENDOR_SYSTEMS.fitbitUser, value: person.wearable.userId });
  return keys;
}

/**
 * Vendors link their patients to identity right after they store them (through an
 * outbox, so a slow identity never loses a link). Seeding is only done when every
 * vendor key of every person resolves to that person's one global patient.
 */
async function waitForLinks(input: SeedInput, people: Person[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const identifiers = people.flatMap(vendorKeys);
    const response = await fetch(`${input.subgraphUrls.identity}/links/resolve`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${input.serviceToken}`,
      },
      body: JSON.stringify({ identifiers }),
    });
    const body = (await response.json()) as { identifiers: { patientId: string | null }[] };
    let offset = 0;
    const unlinked = people.filter((person) => {
      const ids = body.identifiers
        .slice(offset, (offset += vendorKeys(person).length))
        .map((i) => i.patientId);
      return ids.some((id) => id === null) || new Set(ids).size !== 1;
    });
    if (unlinked.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(
        `${unlinked.length} seeded patient(s) were not linked across vendors in time (see the subgraph logs)`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
