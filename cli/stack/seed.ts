import fs from 'node:fs';
import path from 'node:path';
import { ConsentCategory } from '../../contracts/consent-codes';
import {
  listVendorFiles,
  readPeople,
  writePopulation,
  type PopulationManifest,
} from '../../generator/write-population';
import { sendFhirFiles } from '../ingest/fhir.sender';
import { sendHl7v2Files } from '../ingest/hl7v2.sender';
import type { IngestSummary } from '../ingest/ingest-summary';
import { sendWearableFiles } from '../ingest/wearables.sender';
import { grantConsents, linkChainAddresses } from './dev-consents';
import { seedDir, type SeedOptions, type SubgraphName } from './stack-options';
import { waitForLinks } from './vendor-links';

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
 * Sends a generated population's vendor files through each vendor's real ingest
 * path, all three at once: FHIR bundles over HTTP, HL7 v2 over MLLP with ACKs,
 * wearable payloads over HTTP.
 */
export function sendPopulation(
  dir: string,
  to: {
    subgraphUrls: Record<SubgraphName, string>;
    serviceToken: string;
    mllp: { host: string; port: number };
  },
): Promise<IngestSummary[]> {
  const target = (name: SubgraphName) => ({
    baseUrl: to.subgraphUrls[name],
    serviceToken: to.serviceToken,
  });
  return Promise.all([
    sendFhirFiles(listVendorFiles(dir, 'ehr-fhir'), target('ehr-fhir')),
    sendHl7v2Files(listVendorFiles(dir, 'ehr-hl7v2'), { ...target('ehr-hl7v2'), mllp: to.mllp }),
    sendWearableFiles(listVendorFiles(dir, 'wearables'), target('wearables')),
  ]);
}

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
  const ingest = await sendPopulation(dir, input);
  for (const summary of ingest) {
    input.onProgress(
      `ingested ${summary.accepted} ${summary.unit} (${summary.format}), ${summary.duplicates} duplicates, ${summary.rejected.length} rejected`,
    );
  }
  const identity = { url: input.subgraphUrls.identity, serviceToken: input.serviceToken };
  const people = readPeople(dir);
  await waitForLinks(identity, people, 60_000);
  input.onProgress('every vendor record is linked to its patient');
  const chainAddresses = await linkChainAddresses(
    identity,
    people.map((person) => ({ walletIndex: person.walletIndex, mrn: person.ids.mrn })),
  );
  input.onProgress(`linked ${chainAddresses} patient wallets to their records`);
  const consents = await grantConsents(
    { rpcUrl: input.chain.rpcUrl, registryAddress: input.chain.registryAddress },
    people.map((person) => person.walletIndex),
    { organization: SEED_GRANTEE, categories: SEED_CATEGORIES },
  );
  input.onProgress(
    `patients granted ${consents} consents to ${SEED_GRANTEE} (treatment, ordinary categories)`,
  );
  const report: SeedReport = { dir, manifest, ingest, chainAddresses, consents, reused: false };
  fs.writeFileSync(marker, `${JSON.stringify(report, null, 2)}\n`);
  return report;
}
