import fs from 'node:fs';
import path from 'node:path';
import { emitFhirBundles } from './emit/fhir-bundle.emitter';
import { emitHl7v2Messages } from './emit/hl7v2.emitter';
import { emitWearablePayloads } from './emit/wearables.emitter';
import type { EmittedFile } from './emit/emitted-file';
import { generatePopulation, type Person, type PopulationOptions } from './population';

/** The vendor folders a generated population is written into, one per subgraph. */
export const VENDOR_FOLDERS = ['ehr-fhir', 'ehr-hl7v2', 'wearables'] as const;
export type VendorFolder = (typeof VENDOR_FOLDERS)[number];

const EMITTERS: Record<
  VendorFolder,
  (person: Person, options: PopulationOptions) => EmittedFile[]
> = {
  'ehr-fhir': emitFhirBundles,
  'ehr-hl7v2': emitHl7v2Messages,
  wearables: emitWearablePayloads,
};

export interface PopulationManifest {
  generator: 'patientgraph';
  seed: number;
  size: number;
  asOf: string;
  wearableDays: number;
  files: Record<VendorFolder, number>;
}

/**
 * Writes a population into `dir`: each vendor's files in its own folder, in its
 * own format, plus `manifest.json` (how it was made) and `people.ndjson` (the
 * ground truth the files were written from, one person per line, for tests and
 * for anyone checking what the graph returns).
 */
export function writePopulation(
  dir: string,
  options: PopulationOptions,
  onPerson?: (index: number) => void,
): PopulationManifest {
  fs.mkdirSync(dir, { recursive: true });
  const files: Record<VendorFolder, number> = { 'ehr-fhir': 0, 'ehr-hl7v2': 0, wearables: 0 };
  const people = fs.openSync(path.join(dir, 'people.ndjson'), 'w');
  try {
    for (const person of generatePopulation(options)) {
      fs.writeSync(people, `${JSON.stringify(person)}\n`);
      for (const vendor of VENDOR_FOLDERS) {
        for (const file of EMITTERS[vendor](person, options)) {
          const target = path.join(dir, vendor, file.path);
          fs.mkdirSync(path.dirname(target), { recursive: true });
          fs.writeFileSync(target, file.content);
          files[vendor]++;
        }
      }
      onPerson?.(person.index);
    }
  } finally {
    fs.closeSync(people);
  }
  const manifest: PopulationManifest = {
    generator: 'patientgraph',
    seed: options.seed,
    size: options.size,
    asOf: options.asOf.toISOString().slice(0, 10),
    wearableDays: options.wearableDays,
    files,
  };
  fs.writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Reads the people of a written population back (ground truth for checks). */
export function readPeople(dir: string): Person[] {
  return fs
    .readFileSync(path.join(dir, 'people.ndjson'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Person);
}

/** Every file under a vendor folder, sorted, as absolute paths. */
export function listVendorFiles(dir: string, vendor: VendorFolder): string[] {
  const root = path.join(dir, vendor);
  if (!fs.existsSync(root)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(full);
    }
  };
  walk(root);
  return out.sort();
}
