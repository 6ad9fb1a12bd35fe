import path from 'node:path';
import type { IngestSummary } from '../../cli/ingest/ingest-summary';
import type { Person } from '../../generator/population';
import { readPeople, writePopulation } from '../../generator/write-population';
import { sendPopulation } from '../../cli/stack/seed';
import { waitForLinks } from '../../cli/stack/vendor-links';
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

/**
 * Generates `size` synthetic patients (generator/) and sends them through each
 * vendor's real ingest path (cli/stack/seed.ts sendPopulation). Returns once all
 * are linked.
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
  const ingest = await sendPopulation(dir, {
    subgraphUrls: stack.stack.subgraphUrls,
    serviceToken: stack.secrets.serviceToken,
    mllp: stack.stack.mllp,
  });
  for (const summary of ingest) {
    if (summary.rejected.length > 0)
      throw new Error(
        `${summary.format}: ${summary.rejected.length} rejected, e.g. ${summary.rejected[0]!.reason}`,
      );
  }
  const people = readPeople(dir);
  await waitForLinks(
    { url: stack.stack.subgraphUrls.identity, serviceToken: stack.secrets.serviceToken },
    people,
    120_000,
  );
  const seconds = (Date.now() - started) / 1000;
  log(
    `  ${size} patients generated and ingested through the vendor paths in ${seconds.toFixed(1)} s ` +
      `(${ingest.map((s) => `${s.accepted} ${s.unit}`).join(', ')})`,
  );
  return { dir, people, ingest, seconds };
}
