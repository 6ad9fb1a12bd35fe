import { performance } from 'node:perf_hooks';
import { ConsentCategory, PurposeOfUse } from '../../contracts/consent-codes';
import { ConsentRegistry } from '../../contracts/consent-registry';
import {
  devOrganizationWallet,
  devPatientWallet,
  devRelayerWallet,
} from '../../contracts/dev-accounts';
import { postJson } from '../harness/http-post';
import { BENCH_ORGANIZATION } from '../population/bench-stack';

const CONDITIONS_QUERY = `query($id: ID!) { patient(id: $id) { id conditions { id } } }`;

export interface RevocationRound {
  /** From the revocation's receipt (mined) to the first response that denied the field. */
  revokedToDeniedMs: number;
  /** From the new grant's receipt to the first response that showed the field again. */
  grantedToAllowedMs: number;
  /** Requests sent while waiting (all answered). */
  polls: number;
}

type Verdict = 'allowed' | 'denied' | 'other';

/**
 * How fast a patient's decision reaches the graph, measured from the outside: a
 * client asks the gateway for the patient's conditions back to back while the
 * patient revokes (then grants again) the CONDITIONS consent on chain, signed by
 * the patient and submitted by the relayer. The clock starts when the transaction's
 * receipt is in (it is mined) and stops at the first answer that reflects it.
 */
export async function measureRevocations(options: {
  gatewayUrl: string;
  token: string;
  chain: { rpcUrl: string; registryAddress: string };
  patientId: string;
  walletIndex: number;
  rounds: number;
  timeoutMs?: number;
}): Promise<RevocationRound[]> {
  const { registry, provider } = ConsentRegistry.connect({
    rpcUrl: options.chain.rpcUrl,
    address: options.chain.registryAddress,
    privateKey: devRelayerWallet().privateKey,
  });
  const patient = devPatientWallet(options.walletIndex);
  const terms = {
    grantee: devOrganizationWallet(BENCH_ORGANIZATION).address,
    category: ConsentCategory.Conditions,
    purpose: PurposeOfUse.TREAT,
  };
  const body = JSON.stringify({ query: CONDITIONS_QUERY, variables: { id: options.patientId } });
  const headers = { authorization: `Bearer ${options.token}` };
  const ask = async (): Promise<Verdict> => {
    const answer = await postJson(options.gatewayUrl, body, headers);
    if (answer.status !== 200) return 'other';
    const json = JSON.parse(answer.text) as {
      data?: { patient?: { conditions?: unknown[] | null } | null };
      errors?: { extensions?: { code?: string } }[];
    };
    if (json.errors?.some((e) => e.extensions?.code === 'CONSENT_REQUIRED')) return 'denied';
    return Array.isArray(json.data?.patient?.conditions) ? 'allowed' : 'other';
  };
  /** Polls until the answer is `wanted`, starting before `change` and timing from its receipt. */
  const timeChange = async (change: () => Promise<unknown>, wanted: Verdict) => {
    const deadline = performance.now() + (options.timeoutMs ?? 30_000);
    const mined: { at?: number } = {};
    let seenAt: number | undefined;
    let polls = 0;
    const poller = (async () => {
      while (performance.now() < deadline) {
        const verdict = await ask();
        polls++;
        if (verdict === wanted && mined.at !== undefined) {
          seenAt = performance.now();
          return;
        }
      }
    })();
    await change();
    mined.at = performance.now();
    await poller;
    if (seenAt === undefined) throw new Error(`the graph did not show "${wanted}" in time`);
    return { ms: seenAt - mined.at, polls };
  };
  const rounds: RevocationRound[] = [];
  try {
    if ((await ask()) !== 'allowed') throw new Error('the patient does not consent to begin with');
    for (let round = 0; round < options.rounds; round++) {
      const revoked = await timeChange(async () => {
        const signed = await registry.signRevocation(patient, terms);
        await registry.submitSignedRevocation(signed);
      }, 'denied');
      const granted = await timeChange(async () => {
        const signed = await registry.signGrant(patient, terms);
        await registry.submitSignedGrant(signed);
      }, 'allowed');
      rounds.push({
        revokedToDeniedMs: revoked.ms,
        grantedToAllowedMs: granted.ms,
        polls: revoked.polls + granted.polls,
      });
    }
  } finally {
    provider.destroy();
  }
  return rounds;
}
