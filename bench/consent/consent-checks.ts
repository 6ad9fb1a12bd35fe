import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { PurposeOfUse } from '../../contracts/consent-codes';
import { ConsentRegistry } from '../../contracts/consent-registry';
import { devOrganizationWallet, devPatientWallet } from '../../contracts/dev-accounts';
import { ChainConsentChecker } from '../../subgraphs/shared/consent/chain-consent-checker';
import { ConsentCache } from '../../subgraphs/shared/consent/consent-cache';
import { ConsentEventFollower } from '../../subgraphs/shared/consent/consent-event-follower';
import type { ConsentQuestion } from '../../subgraphs/shared/consent/consent-question';
import { RequestConsent } from '../../subgraphs/shared/consent/request-consent';
import { BENCH_ORGANIZATION, BENCH_REQUESTER } from '../population/bench-stack';
import { SUMMARY_CATEGORIES } from '../population/consent-grants';

/** Latencies of one kind of check and how many answers were not `granted`. */
export interface CheckRun {
  latenciesMs: number[];
  seconds: number;
  notGranted: number;
}

export interface ConsentBench {
  questions: ConsentQuestion[];
  /** ChainConsentChecker.check of one question, cache warm (what most field checks cost). */
  cached(seconds: number): Promise<CheckRun>;
  /** RequestConsent.decide of one field, cache warm: DataLoader, decision record (no audit write). */
  decided(seconds: number): Promise<CheckRun>;
  /** One question with an empty cache: a `consentStatusBatch` eth_call to the chain. */
  cold(seconds: number, batch: number): Promise<CheckRun>;
  close(): void;
}

/**
 * The subgraphs' own consent machinery (shared/consent), run in the benchmark
 * process against the stack's chain, so checks are timed without HTTP around them:
 * the registry client, the event-following cache and the checker a subgraph uses.
 */
export async function startConsentBench(
  chain: { rpcUrl: string; registryAddress: string },
  walletIndexes: readonly number[],
): Promise<ConsentBench> {
  const logger = pino({ level: 'silent' });
  const { registry, provider } = ConsentRegistry.connect({
    rpcUrl: chain.rpcUrl,
    address: chain.registryAddress,
  });
  const cache = new ConsentCache();
  const follower = new ConsentEventFollower({
    provider,
    registryAddress: chain.registryAddress,
    cache,
    logger,
    pollIntervalMs: 250,
  });
  await follower.start();
  const checker = new ChainConsentChecker(registry, cache, follower, logger);
  const grantee = devOrganizationWallet(BENCH_ORGANIZATION).address.toLowerCase();
  const questions: ConsentQuestion[] = walletIndexes.flatMap((index) => {
    const patientAddress = devPatientWallet(index).address.toLowerCase();
    return SUMMARY_CATEGORIES.map((category) => ({
      patientAddress,
      grantee,
      category,
      purpose: PurposeOfUse.TREAT,
    }));
  });
  await checker.check(questions); // warms the cache

  const loop = async (seconds: number, once: (i: number) => Promise<number>) => {
    const run: CheckRun = { latenciesMs: [], seconds: 0, notGranted: 0 };
    const started = performance.now();
    const end = started + seconds * 1000;
    for (let i = 0; performance.now() < end; i++) {
      const t = performance.now();
      run.notGranted += await once(i);
      run.latenciesMs.push(performance.now() - t);
    }
    run.seconds = (performance.now() - started) / 1000;
    return run;
  };
  const denied = (answers: string[]) => answers.filter((a) => a !== 'granted').length;
  return {
    questions,
    cached: (seconds) =>
      loop(seconds, async (i) => denied(await checker.check([questions[i % questions.length]!]))),
    decided: (seconds) =>
      loop(seconds, async (i) => {
        const q = questions[i % questions.length]!;
        const consent = new RequestConsent(BENCH_REQUESTER, `bench-${i}`, checker);
        const outcome = await consent.decide(
          { id: `patient-${i}`, consentAddress: q.patientAddress },
          [q.category],
          'Patient.conditions',
        );
        return outcome.allowed ? 0 : 1;
      }),
    cold: (seconds, batch) =>
      loop(seconds, async (i) => {
        cache.clear();
        const start = (i * batch) % questions.length;
        const asked = Array.from(
          { length: batch },
          (_, k) => questions[(start + k) % questions.length]!,
        );
        return denied(await checker.check(asked));
      }),
    close() {
      follower.stop();
      provider.destroy();
    },
  };
}
