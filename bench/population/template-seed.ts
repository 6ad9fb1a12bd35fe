import path from 'node:path';
import { sendFhirFiles } from '../../cli/ingest/fhir.sender';
import { sendHl7v2Files } from '../../cli/ingest/hl7v2.sender';
import type { IngestSummary } from '../../cli/ingest/ingest-summary';
import { sendWearableFiles } from '../../cli/ingest/wearables.sender';
import type { Person } from '../../generator/population';
import { VENDOR_SYSTEMS } from '../../generator/vendor-systems';
import { listVendorFiles, readPeople, writePopulation } from '../../generator/write-population';
import { HL7V2_SYSTEM_PREFIX } from '../../subgraphs/ehr-hl7v2/mappers/identifier-systems';
import type { BenchStack } from './bench-stack';

/** The day the benchmark population's data runs up to: fixed, so runs compare. */
export const BENCH_AS_OF = new Date('2026-11-20T00:00:00Z');
export const BENCH_SEED = 20261125;
/** Wearable streams of the generated patients: a week, what the summary reads. */
export const BENCH_WEARABLE_DAYS = 7;

export interface TemplateSeed {
  dir: string;
  people: Person[];
  ingest: IngestSummary[];
  seconds: number;
}

/** Each vendor's own key for a person, as the vendor announces it to identity. */
export function vendorKeys(person: Person): { system: string; value: string }[] {
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
 * Waits until every vendor key of every person resolves to that person's one
 * global patient (vendors link through an outbox after they store): the same
 * check `npm start`'s seeding makes (cli/stack/seed.ts).
 */
export async function waitForLinks(
  stack: BenchStack,
  people: readonly Person[],
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${stack.stack.subgraphUrls.identity}/links/resolve`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${stack.secrets.serviceToken}`,
      },
      body: JSON.stringify({ identifiers: people.flatMap(vendorKeys) }),
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
    if (Date.now() > deadline)
      throw new Error(`${unlinked.length} generated patient(s) were not linked across vendors`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Generates `size` synthetic patients (generator/) and sends them through each
 * vendor's real ingest path, all three at once: FHIR bundles over HTTP, HL7 v2 over
 * MLLP with ACKs, wearable payloads over HTTP. Returns once all are linked.
 */
export async function seedTemplates(
  stack: BenchStack,
  size: number,
  log: (line: string) => void,
): Promise<TemplateSeed> {
  const started = Date.now();
  const dir = path.join(stack.home, 'bench-population');
  writePopulation(dir, {
    seed: BENCH_SEED,
    size,
    asOf: BENCH_AS_OF,
    wearableDays: BENCH_WEARABLE_DAYS,
  });
  const target = (name: 'ehr-fhir' | 'ehr-hl7v2' | 'wearables') => ({
    baseUrl: stack.stack.subgraphUrls[name],
    serviceToken: stack.secrets.serviceToken,
  });
  const ingest = await Promise.all([
    sendFhirFiles(listVendorFiles(dir, 'ehr-fhir'), target('ehr-fhir')),
    sendHl7v2Files(listVendorFiles(dir, 'ehr-hl7v2'), {
      ...target('ehr-hl7v2'),
      mllp: stack.stack.mllp,
    }),
    sendWearableFiles(listVendorFiles(dir, 'wearables'), target('wearables')),
  ]);
  for (const summary of ingest) {
    if (summary.rejected.length > 0)
      throw new Error(
        `${summary.format}: ${summary.rejected.length} rejected, e.g. ${summary.rejected[0]!.reason}`,
      );
  }
  const people = readPeople(dir);
  await waitForLinks(stack, people);
  const seconds = (Date.now() - started) / 1000;
  log(
    `  ${size} patients generated and ingested through the vendor paths in ${seconds.toFixed(1)} s ` +
      `(${ingest.map((s) => `${s.accepted} ${s.unit}`).join(', ')})`,
  );
  return { dir, people, ingest, seconds };
}
