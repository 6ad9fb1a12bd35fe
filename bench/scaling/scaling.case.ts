import { ingestYear, YEAR_END, YEAR_START } from '../../subgraphs/wearables/bench/cgm-year';
import type { BenchCase, CaseResult, MeasuredConfig, TitledTable } from '../bench-case';
import { CaseCheckError } from '../bench-case';
import type { BenchOptions } from '../bench-options';
import { driveRequests } from '../harness/drive-requests';
import { graphqlOutcome, postJson } from '../harness/http-post';
import { measureInterleaved } from '../harness/measure-interleaved';
import { sampleProcessUsage } from '../harness/process-usage';
import { withTotal } from '../harness/usage-totals';
import { benchPopulation, type BenchPopulation } from '../population/bench-population';
import type { NamedProcess } from '../population/find-processes';
import {
  PATIENT_PAGE_QUERY,
  PATIENT_SUMMARY_QUERY,
  SUMMARY_RANGE,
} from '../population/summary-query';
import { targetsTable } from '../report/targets';
import { storeSizes } from './store-sizes';

/** Population sizes measured (BENCH_SCALING_SIZES=1000,10000,100000 to go further). */
export function scalingSizes(env: NodeJS.ProcessEnv = process.env): number[] {
  const given = env.BENCH_SCALING_SIZES?.split(',').map((s) => Number(s.trim()));
  if (given?.length && given.every((n) => Number.isInteger(n) && n > 0))
    return [...given].sort((a, b) => a - b);
  return [1_000, 10_000];
}
export const PAGE_SIZES = [1, 10, 100];
const fixed = (v: number | undefined, d = 1) =>
  v === undefined || !Number.isFinite(v) ? 'n/a' : v.toFixed(d);

const GLUCOSE_QUERY = `query Glucose($id: ID!, $from: String!, $to: String!) {
  patient(id: $id) { id glucose(from: $from, to: $to, bucket: "1d") {
    unit buckets { start count mean min max } metrics { readings meanGlucose coveragePercent timeInRange gmi }
  } }
}`;

interface Step {
  key: string;
  label: string;
  baselineKey?: string;
  /** Body of request n. */
  body: (n: number) => string;
}

async function measureSteps(
  population: BenchPopulation,
  token: string,
  steps: Step[],
  options: BenchOptions,
): Promise<MeasuredConfig[]> {
  const processes: NamedProcess[] = population.bench.processes();
  const served = processes[0] ?? { name: 'not sampled', pid: -1 };
  const headers = { authorization: `Bearer ${token}` };
  const url = population.bench.stack.gatewayUrl;
  const out: MeasuredConfig[] = [];
  for (const step of steps) {
    const [config] = await measureInterleaved(
      [
        {
          key: step.key,
          label: step.label,
          baselineKey: step.baselineKey,
          drive: (load) =>
            driveRequests({
              ...load,
              send: async (n) => graphqlOutcome(await postJson(url, step.body(n), headers)),
            }),
          served,
          alsoSampled: processes.slice(1),
        },
      ],
      {
        connections: 1,
        durationSeconds: Math.max(2, options.durationSeconds / 4),
        warmupSeconds: Math.max(1, options.warmupSeconds / 5),
        log: options.log,
      },
    );
    out.push(withTotal(config!, 'all PatientGraph processes'));
  }
  return out;
}

function latencyChart(
  id: string,
  title: string,
  xLabel: string,
  points: Array<[number, MeasuredConfig]>,
) {
  const line = (name: string, pick: (c: MeasuredConfig) => number) => ({
    name,
    points: points.map(([x, c]): [number, number] => [x, pick(c)]),
  });
  return {
    id,
    title,
    xLabel,
    yLabel: 'latency ms (1 client)',
    series: [
      line('p50', (c) => c.load.latencyMs.p50),
      line('p95', (c) => c.load.latencyMs.p95),
      line('p99', (c) => c.load.latencyMs.p99),
    ],
  };
}

async function checkPage(url: string, token: string, first: number): Promise<void> {
  const answer = await postJson(
    url,
    JSON.stringify({ query: PATIENT_PAGE_QUERY, variables: { first, ...SUMMARY_RANGE } }),
    { authorization: `Bearer ${token}` },
  );
  const body = JSON.parse(answer.text) as {
    data?: { patients?: { edges: unknown[] } };
    errors?: unknown[];
  };
  if (answer.status !== 200 || body.errors || body.data?.patients?.edges.length !== first)
    throw new CaseCheckError(
      `a page of ${first} patients came back wrong: ${answer.text.slice(0, 300)}`,
    );
}

async function runScaling(options: BenchOptions): Promise<CaseResult> {
  const population = await benchPopulation(options.log);
  const bench = population.bench;
  const token = await bench.token();
  const summaryOf = (ids: readonly string[]) => (n: number) =>
    JSON.stringify({
      query: PATIENT_SUMMARY_QUERY,
      variables: { id: ids[n % ids.length], ...SUMMARY_RANGE },
    });
  const templates = population.templateIds;

  // 1. The same patients' summaries as the population around them grows.
  const growth: TitledTable['table']['rows'] = [];
  const populationPoints: Array<[number, MeasuredConfig]> = [];
  const sizes = [population.size(), ...scalingSizes().filter((s) => s > population.size())];
  let firstKey: string | undefined;
  for (const size of sizes) {
    const grown = await population.growTo(size, options.log);
    const stores = storeSizes(bench.home);
    options.log(`  population ${size.toLocaleString('en-US')}`);
    const [config] = await measureSteps(
      population,
      token,
      [
        {
          key: `population-${size}`,
          label: `summary, population ${size.toLocaleString('en-US')}`,
          baselineKey: firstKey,
          body: summaryOf(templates),
        },
      ],
      options,
    );
    firstKey ??= config!.key;
    populationPoints.push([size, config!]);
    growth.push([
      size.toLocaleString('en-US'),
      grown
        ? `${fixed(grown.seconds)} s (${grown.stores.map((s) => `${s.store} ${fixed(s.seconds)}`).join(', ')})`
        : 'ingested',
      ...Object.values(stores).map((mib) => fixed(mib, 0)),
    ]);
  }

  // 2. Pages of 1, 10, 100 patients: one query, one _entities call per subgraph.
  const cohort = await population.cohort(Math.max(...PAGE_SIZES) + 20, options.log);
  options.log(`  ${cohort.length} patients first in name order hold consent`);
  for (const first of PAGE_SIZES) await checkPage(bench.stack.gatewayUrl, token, first);
  const pages = await measureSteps(
    population,
    token,
    PAGE_SIZES.map((first) => ({
      key: `page-${first}`,
      label: `page of ${first} patient${first > 1 ? 's' : ''} (population ${population.size().toLocaleString('en-US')})`,
      baselineKey: first === PAGE_SIZES[0] ? undefined : `page-${PAGE_SIZES[0]}`,
      body: () =>
        JSON.stringify({ query: PATIENT_PAGE_QUERY, variables: { first, ...SUMMARY_RANGE } }),
    })),
    options,
  );

  // 3. A year of 5-minute CGM readings for one patient, read in daily buckets.
  const cgmIndex = population.seed.people.findIndex((p) => p.wearable?.cgm);
  if (cgmIndex < 0) throw new CaseCheckError('no generated patient wears a CGM');
  const serial = population.seed.people[cgmIndex]!.wearable!.cgm!.serial;
  const cgmPatient = templates[cgmIndex]!;
  const wearables = bench.processes().find((p) => p.name === 'wearables');
  const usage = sampleProcessUsage(wearables ? [wearables] : []);
  const year = await ingestYear(
    bench.stack.subgraphUrls.wearables,
    bench.secrets.serviceToken,
    serial,
  );
  const [wearablesUsage] = usage.stop();
  options.log(`  a year of CGM readings ingested: ${year.pointsPerSecond} points/s`);
  const check = await postJson(
    bench.stack.gatewayUrl,
    JSON.stringify({
      query: GLUCOSE_QUERY,
      variables: { id: cgmPatient, from: YEAR_START, to: YEAR_END },
    }),
    { authorization: `Bearer ${token}` },
  );
  const buckets = (
    JSON.parse(check.text) as {
      data?: { patient?: { glucose?: { buckets: { count: number }[] } } };
    }
  ).data?.patient?.glucose?.buckets;
  if (buckets?.length !== 365 || buckets.some((b) => b.count !== 288))
    throw new CaseCheckError(
      `the year of CGM readings reads back wrong: ${check.text.slice(0, 300)}`,
    );
  const glucose = (from: string, to: string) => () =>
    JSON.stringify({ query: GLUCOSE_QUERY, variables: { id: cgmPatient, from, to } });
  const cgm = await measureSteps(
    population,
    token,
    [
      {
        key: 'cgm-week',
        label: 'glucose, 7 days in daily buckets',
        body: glucose(SUMMARY_RANGE.from, SUMMARY_RANGE.to),
      },
      {
        key: 'cgm-year',
        label: 'glucose, 365 days in daily buckets',
        baselineKey: 'cgm-week',
        body: glucose(YEAR_START, YEAR_END),
      },
    ],
    options,
  );

  const configs = [...populationPoints.map(([, c]) => c), ...pages, ...cgm];
  const first = populationPoints[0]![1];
  const last = populationPoints[populationPoints.length - 1]!;
  const perPatient = pages.map((p, i) => p.load.latencyMs.p50 / PAGE_SIZES[i]!);
  const bytesPerPatient =
    Object.values(storeSizes(bench.home)).reduce((t, v) => t + v, 0) / population.size();
  return {
    name: 'scaling',
    description: scalingCase.description,
    settings: {
      'population sizes': sizes.map((s) => s.toLocaleString('en-US')).join(', '),
      'page sizes': PAGE_SIZES.join(', '),
      clients: 1,
      measured: `${fixed(Math.max(2, options.durationSeconds / 4))} s per point after ${fixed(Math.max(1, options.warmupSeconds / 5))} s warm-up`,
    },
    configs,
    tables: [
      {
        title: 'Population (SQLite store sizes in MiB, data + WAL)',
        table: {
          header: [
            'patients',
            'loaded by',
            'identity',
            'ehr-fhir',
            'ehr-hl7v2',
            'wearables',
            'audit',
          ],
          align: ['r', 'l', 'r', 'r', 'r', 'r', 'r'],
          rows: growth,
        },
      },
      {
        title: 'A year of CGM readings (105,120 points) ingested into one account',
        table: {
          header: ['points', 'accepted', 'seconds', 'points/s', 'wearables peak RSS MiB'],
          align: ['r', 'r', 'r', 'r', 'r'],
          rows: [
            [
              String(year.readings),
              String(year.accepted),
              fixed(year.ms / 1000),
              String(year.pointsPerSecond),
              fixed(wearablesUsage?.peakRssMiB, 0),
            ],
          ],
        },
      },
      targetsTable([
        {
          target:
            'entity resolution batched (one _entities call per subgraph per query level, one store query per batch)',
          measured: `page of 100 patients: p50 ${fixed(pages[2]?.load.latencyMs.p50)} ms = ${fixed(perPatient[2])} ms per patient, against ${fixed(perPatient[0])} ms for a page of 1`,
          met: undefined,
          comment:
            'proved or refuted by test/batching.int.test.ts (counts _entities calls and store statements), not by a timing',
        },
      ]),
    ],
    charts: [
      latencyChart(
        'population',
        'Patient summary latency as the population grows',
        'patients in the stores',
        populationPoints,
      ),
      latencyChart(
        'page-size',
        'Latency of one query as patients per query grow',
        'patients per query',
        pages.map((c, i) => [PAGE_SIZES[i]!, c]),
      ),
    ],
    notes: [
      `Population: ${first.load.latencyMs.p50.toFixed(1)} ms p50 at ${populationPoints[0]![0].toLocaleString('en-US')} patients, ${last[1].load.latencyMs.p50.toFixed(1)} ms at ${last[0].toLocaleString('en-US')}; the same ${templates.length} generated patients are queried at every size.`,
      `The ${templates.length} patients queried were generated and sent through the vendors' ingest paths; the rest of the population is cloned from them in SQL (bench/population/clone-population.ts: every key and identifier suffixed, so each clone links across vendors like a real patient; clones keep their template's clinical content, get names of their own, and the last day of wearable streams).`,
      `100,000 patients are not part of the 10-minute suite: at ${fixed(bytesPerPatient * 1024, 0)} KiB per patient in the stores that is ${fixed((bytesPerPatient * 100_000) / 1024, 1)} GiB of SQLite, minutes of cloning. Run it with BENCH_SCALING_SIZES=1000,10000,100000.`,
      'Pages are `patients(first: N)` with the summary of every patient: identity answers the page, then the gateway asks each vendor subgraph once for all N (see the query plan in test/batching.int.test.ts).',
    ],
  };
}

export const scalingCase: BenchCase = {
  name: 'scaling',
  description:
    "How the patient summary scales: latency of the same patients' summaries as the population grows (generated and " +
    'ingested patients, then clones up to 10,000), latency of one query as patients per query grow (pages of 1, 10 and ' +
    '100 patients), and a year of 5-minute CGM readings for one patient read in daily buckets, against the same ' +
    "patient's week.",
  run: runScaling,
};
