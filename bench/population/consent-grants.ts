import { ConsentCategory } from '../../contracts/consent-codes';
import { grantConsents } from '../../cli/stack/dev-consents';
import { BENCH_ORGANIZATION } from './bench-stack';

/** What a patient summary reads; every benchmark patient consents to exactly these. */
export const SUMMARY_CATEGORIES = [
  ConsentCategory.Demographics,
  ConsentCategory.Encounters,
  ConsentCategory.Conditions,
  ConsentCategory.Labs,
  ConsentCategory.Wearables,
];

/**
 * Grants the summary categories to the benchmark organisation for each patient
 * (cli/stack/dev-consents.ts: signed by the patient, submitted by the relayer).
 */
export function grantSummaryConsents(
  chain: { rpcUrl: string; registryAddress: string },
  walletIndexes: readonly number[],
  categories: readonly ConsentCategory[] = SUMMARY_CATEGORIES,
): Promise<number> {
  return grantConsents(chain, walletIndexes, { organization: BENCH_ORGANIZATION, categories });
}
