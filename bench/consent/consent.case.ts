import type { BenchCase, CaseResult } from '../bench-case';
import type { BenchOptions } from '../bench-options';
import { summarizeLatencies } from '../harness/load-stats';
import { benchPopulation } from '../population/bench-population';
import { ratio } from '../report/ratio';
import { targetsTable } from '../report/targets';
import { startConsentBench, type CheckRun } from './consent-checks';
import { measureRevocations } from './revocation';

/** Revoke-then-grant rounds timed through the gateway. */
export const REVOCATION_ROUNDS = 5;
/** The target: a revocation denies access within this long after it is mined. */
export const REVOCATION_TARGET_MS = 2_000;

const fixed = (v: number | undefined, d = 1) =>
  v === undefined || !Number.isFinite(v) ? 'n/a' : v.toFixed(d);

function row(label: string, run: CheckRun, perCheck: number, baselineP50?: number): string[] {
  const latency = summarizeLatencies(run.latenciesMs);
  const rate = (run.latenciesMs.length * perCheck) / run.seconds;
  return [
    label,
    String(run.latenciesMs.length * perCheck),
    fixed(rate, 0),
    fixed(latency.p50, 3),
    fixed(latency.p95, 3),
    fixed(latency.p99, 3),
    fixed(latency.max, 3),
    String(run.notGranted),
    baselineP50 === undefined ? 'baseline' : `${fixed(ratio(latency.p50, baselineP50), 0)}x`,
  ];
}

async function runConsent(options: BenchOptions): Promise<CaseResult> {
  const population = await benchPopulation(options.log);
  const bench = population.bench;
  const chain = {
    rpcUrl: bench.stack.chain.rpcUrl,
    registryAddress: bench.stack.chain.registryAddress,
  };
  const people = population.seed.people;
  const seconds = Math.max(1, options.durationSeconds / 8);
  const checks = await startConsentBench(
    chain,
    people.map((p) => p.walletIndex),
  );
  let cached: CheckRun, decided: CheckRun, cold: CheckRun, coldBatch: CheckRun;
  try {
    cached = await checks.cached(seconds);
    decided = await checks.decided(seconds);
    cold = await checks.cold(seconds, 1);
    coldBatch = await checks.cold(seconds, checks.questions.length);
  } finally {
    checks.close();
  }
  const heapMiB = process.memoryUsage().rss / 1024 ** 2;
  options.log(
    `  cached checks ${fixed(cached.latenciesMs.length / cached.seconds, 0)}/s, cold p50 ${fixed(summarizeLatencies(cold.latenciesMs).p50)} ms`,
  );

  const rounds = await measureRevocations({
    gatewayUrl: bench.stack.gatewayUrl,
    token: await bench.token(),
    chain,
    patientId: population.templateIds[0]!,
    walletIndex: people[0]!.walletIndex,
    rounds: REVOCATION_ROUNDS,
  });
  const revoked = summarizeLatencies(rounds.map((r) => r.revokedToDeniedMs));
  const granted = summarizeLatencies(rounds.map((r) => r.grantedToAllowedMs));
  options.log(
    `  revocation to first denial: p50 ${fixed(revoked.p50, 0)} ms, max ${fixed(revoked.max, 0)} ms`,
  );
  const cachedP50 = summarizeLatencies(cached.latenciesMs).p50;
  return {
    name: 'consent',
    description: consentCase.description,
    settings: {
      'checks measured': `${fixed(seconds)} s each, one after another (one caller)`,
      questions: `${checks.questions.length} (${people.length} patients x ${checks.questions.length / people.length} categories, all granted)`,
      'revocation rounds': REVOCATION_ROUNDS,
      'subgraph consent poll interval': '250 ms (CONSENT_POLL_INTERVAL_MS default)',
    },
    configs: [],
    tables: [
      {
        title:
          "Consent checks (in the benchmark process, the subgraphs' own checker against the stack's chain)",
        table: {
          header: [
            'check',
            'questions',
            'per s',
            'p50 ms',
            'p95 ms',
            'p99 ms',
            'max ms',
            'not granted',
            'p50 vs cached',
          ],
          align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
          rows: [
            row('cached: ChainConsentChecker.check, 1 question', cached, 1),
            row(
              'cached: RequestConsent.decide, 1 field (DataLoader, decision recorded)',
              decided,
              1,
              cachedP50,
            ),
            row('cold: 1 question, empty cache (one eth_call)', cold, 1, cachedP50),
            row(
              `cold: batch of ${checks.questions.length} questions (one eth_call)`,
              coldBatch,
              checks.questions.length,
              cachedP50,
            ),
          ],
        },
      },
      {
        title:
          "Revocation and grant reaching the graph (through the gateway, from the transaction's receipt)",
        table: {
          header: ['change', 'rounds', 'p50 ms', 'max ms', 'requests answered while waiting'],
          align: ['l', 'r', 'r', 'r', 'r'],
          rows: [
            [
              'revocation mined -> first CONSENT_REQUIRED',
              String(rounds.length),
              fixed(revoked.p50, 0),
              fixed(revoked.max, 0),
              String(rounds.reduce((t, r) => t + r.polls, 0)),
            ],
            [
              'grant mined -> first answer with the field',
              String(rounds.length),
              fixed(granted.p50, 0),
              fixed(granted.max, 0),
              '',
            ],
          ],
        },
      },
      targetsTable([
        {
          target: `revocation effective within ${REVOCATION_TARGET_MS / 1000} s, measured`,
          measured: `max ${fixed(revoked.max, 0)} ms over ${rounds.length} rounds (p50 ${fixed(revoked.p50, 0)} ms)`,
          met: revoked.max <= REVOCATION_TARGET_MS,
          comment:
            "Bounded by the event follower's poll interval (250 ms) plus a poll's RPC time; the cache is never trusted once polls are older than CONSENT_STALE_AFTER_MS (3 s).",
        },
      ]),
    ],
    charts: [],
    notes: [
      `The checker, its cache (${checks.questions.length} answers) and the load generator share the benchmark process ` +
        `(${fixed(heapMiB, 0)} MiB RSS after the checks, most of it the population builder's state): a cache entry is a ` +
        "few hundred bytes. The stack processes under the revocation rounds are the patient-summary case's.",
      'Cached checks are what nearly every field check costs: the event follower keeps the cache in step with the ' +
        'chain, and a question goes to the chain only when the cache has no answer or is stale (fail closed: ' +
        'CONSENT_UNAVAILABLE when the chain cannot be read).',
    ],
  };
}

export const consentCase: BenchCase = {
  name: 'consent',
  description:
    'The consent layer on its own: checks per second with a warm cache, the latency of a cold check against the chain, ' +
    'and the time from a revocation being mined to the first request the graph denies (and from a grant to the first ' +
    'request it allows again).',
  run: runConsent,
};
