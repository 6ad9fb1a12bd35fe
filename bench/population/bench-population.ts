import { VENDOR_SYSTEMS } from '../../generator/vendor-systems';
import { sqliteFilePath } from '../../subgraphs/shared/store/database-url';
import { defaultDatabaseUrl } from '../../subgraphs/shared/config/project-paths';
import { CaseCheckError } from '../bench-case';
import { postGraphQL } from '../harness/post-graphql';
import { sharedFixture } from '../harness/shared-fixtures';
import { startBenchStack, type BenchStack } from './bench-stack';
import {
  addClones,
  cloneSuffix,
  completeWearableStreams,
  templateOf,
  type CloneReport,
  type CloneSource,
} from './clone-population';
import type { StoreName } from './clone-tables';
import { linkChainAddresses } from '../../cli/stack/dev-consents';
import { grantSummaryConsents } from './consent-grants';
import { PATIENT_SUMMARY_QUERY, SUMMARY_RANGE, summaryShape } from './summary-query';
import { seedTemplates, type TemplateSeed } from './template-seed';
import { readIdentityRows } from './identity-rows';

/** Patients generated and ingested through the real paths; clones copy them. */
export const TEMPLATE_COUNT = 20;

/** Background clones keep the last day of wearable streams (from this instant on). */
export const WEARABLE_CUT_MS = Date.parse('2026-11-19T00:00:00-05:00');

export interface GrowthReport {
  from: number;
  to: number;
  seconds: number;
  stores: CloneReport[];
}

export interface BenchPopulation {
  bench: BenchStack;
  seed: TemplateSeed;
  /** Global ids of the template patients (ingested, consented, complete streams). */
  templateIds: string[];
  /** Patients in the stores now. */
  size(): number;
  /** Clones until the population holds `size` patients (never shrinks). */
  growTo(size: number, log: (line: string) => void): Promise<GrowthReport | null>;
  /**
   * The first `count` patients in name order (what `patients(first:)` pages
   * through), each with consent for the summary and a full week of wearable data.
   */
  cohort(count: number, log: (line: string) => void): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * Cloning runs synchronously (SQLite in this process) and can block the event loop
 * for longer than the subgraphs keep idle connections open: let the close events of
 * those sockets arrive before the next request, or fetch reuses a dead one.
 */
function settleSockets(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 200));
}

/** The population every benchmark case of a run shares (built on first use). */
export function benchPopulation(log: (line: string) => void): Promise<BenchPopulation> {
  return sharedFixture('population', () => buildPopulation(log));
}

/** The bare stack, shared with the population when both are asked for in one run. */
export async function benchStackOnly(log: (line: string) => void): Promise<BenchStack> {
  return (await benchPopulation(log)).bench;
}

function storeFiles(home: string): Record<StoreName, string> {
  const file = (store: string) =>
    sqliteFilePath(defaultDatabaseUrl(store, { PATIENTGRAPH_HOME: home }));
  return {
    identity: file('identity'),
    'ehr-fhir': file('ehr-fhir'),
    'ehr-hl7v2': file('ehr-hl7v2'),
    wearables: file('wearables'),
  };
}

async function buildPopulation(log: (line: string) => void): Promise<BenchPopulation> {
  log(`  building the benchmark population (${TEMPLATE_COUNT} generated patients)`);
  const bench = await startBenchStack(log);
  try {
    const seed = await seedTemplates(bench, TEMPLATE_COUNT, log);
    const started = Date.now();
    await linkChainAddresses(
      { url: bench.stack.subgraphUrls.identity, serviceToken: bench.secrets.serviceToken },
      seed.people.map((p) => ({ walletIndex: p.walletIndex, mrn: p.ids.mrn })),
    );
    const granted = await grantSummaryConsents(
      { rpcUrl: bench.stack.chain.rpcUrl, registryAddress: bench.stack.chain.registryAddress },
      seed.people.map((p) => p.walletIndex),
    );
    log(`  ${granted} consents granted in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const files = storeFiles(bench.home);
    const identity = await readIdentityRows(files.identity);
    let templateIds: string[];
    try {
      templateIds = seed.people.map((person) => {
        const id = identity.patientOfIdentifier(VENDOR_SYSTEMS.riversideMrn, person.ids.mrn);
        if (!id) throw new CaseCheckError(`${person.key} has no identity record`);
        return id;
      });
    } finally {
      identity.close();
    }
    return populationOf(bench, seed, templateIds, files);
  } catch (error) {
    await bench.stop().catch(() => undefined);
    throw error;
  }
}

function populationOf(
  bench: BenchStack,
  seed: TemplateSeed,
  templateIds: string[],
  files: Record<StoreName, string>,
): BenchPopulation {
  const source: CloneSource = { files, templates: seed.people };
  const templates = seed.people.length;
  let clones = 0;
  const consented = new Set<string>(templateIds);
  const cloneOf = (id: string) => {
    const match = /-k(\d+)$/.exec(id);
    return match ? Number(match[1]) : null;
  };
  const population: BenchPopulation = {
    bench,
    seed,
    templateIds,
    size: () => templates + clones,
    async growTo(size, log) {
      if (size <= templates + clones) return null;
      const from = clones;
      const to = size - templates;
      log(`  cloning patients ${templates + from + 1}..${size} in SQL`);
      const started = Date.now();
      const stores = await addClones(source, from, to, WEARABLE_CUT_MS, log);
      clones = to;
      await settleSockets();
      return { from: templates + from, to: size, seconds: (Date.now() - started) / 1000, stores };
    },
    async cohort(count, log) {
      const identity = await readIdentityRows(files.identity);
      let ids: string[];
      try {
        ids = identity.firstByName(count);
      } finally {
        identity.close();
      }
      const fresh = ids.filter((id) => !consented.has(id));
      const freshClones = fresh.map((id) => cloneOf(id)).filter((c): c is number => c !== null);
      if (freshClones.length > 0) {
        const started = Date.now();
        await completeWearableStreams(source, freshClones, WEARABLE_CUT_MS);
        await settleSockets();
        await linkChainAddresses(
          { url: bench.stack.subgraphUrls.identity, serviceToken: bench.secrets.serviceToken },
          freshClones.map((c) => ({
            walletIndex: templates + c,
            mrn: `${seed.people[templateOf(c, templates)]!.ids.mrn}${cloneSuffix(c)}`,
          })),
        );
        const granted = await grantSummaryConsents(
          { rpcUrl: bench.stack.chain.rpcUrl, registryAddress: bench.stack.chain.registryAddress },
          freshClones.map((c) => templates + c),
        );
        log(
          `  cohort: ${freshClones.length} clones completed, linked to wallets and granted ` +
            `${granted} consents in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
        await checkCloneAnswersLikeTemplate(bench, freshClones[0]!, templateIds, templates);
      }
      fresh.forEach((id) => consented.add(id));
      return ids;
    },
    stop: () => bench.stop(),
  };
  return population;
}

/**
 * A clone must answer the summary exactly as its template does (same number of
 * encounters, labs, visits, readings...), through the gateway with consent on:
 * otherwise the population is not what the figures claim.
 */
async function checkCloneAnswersLikeTemplate(
  bench: BenchStack,
  clone: number,
  templateIds: readonly string[],
  templates: number,
): Promise<void> {
  const token = await bench.token();
  const templateId = templateIds[templateOf(clone, templates)]!;
  const shapes = [];
  for (const id of [templateId, `${templateId}${cloneSuffix(clone)}`]) {
    const response = await postGraphQL(
      bench.stack.gatewayUrl,
      { query: PATIENT_SUMMARY_QUERY, variables: { id, ...SUMMARY_RANGE } },
      { authorization: `Bearer ${token}` },
    );
    const body = response.body as { data?: { patient?: object }; errors?: unknown[] };
    if (response.status !== 200 || body.errors || !body.data?.patient)
      throw new CaseCheckError(
        `summary of ${id === templateId ? 'a template' : 'a clone'} failed: ${JSON.stringify(body).slice(0, 400)}`,
      );
    shapes.push(summaryShape(body.data.patient));
  }
  if (JSON.stringify(shapes[0]) !== JSON.stringify(shapes[1]))
    throw new CaseCheckError(
      `a clone answers differently from its template: ${JSON.stringify(shapes)}`,
    );
}
