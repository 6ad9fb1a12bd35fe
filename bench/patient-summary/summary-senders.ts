import { randomUUID } from 'node:crypto';
import {
  ASSERTION_HEADER,
  loadPrivateKey,
  signAssertion,
} from '../../subgraphs/shared/identity-assertion';
import type { Requester } from '../../subgraphs/shared/requester';
import type { RequestOutcome } from '../harness/drive-requests';
import { graphqlOutcome, postJson } from '../harness/http-post';
import {
  DIRECT_IDENTITY_QUERY,
  DIRECT_VENDOR_QUERIES,
  PATIENT_SUMMARY_QUERY,
  SUMMARY_RANGE,
} from '../population/summary-query';

export type SendSummary = (n: number) => Promise<RequestOutcome>;

/** Request n asks the gateway for the summary of patient n (round robin over `ids`). */
export function gatewaySummarySender(
  url: string,
  token: string,
  ids: readonly string[],
): SendSummary {
  const bodies = ids.map((id) =>
    JSON.stringify({ query: PATIENT_SUMMARY_QUERY, variables: { id, ...SUMMARY_RANGE } }),
  );
  const headers = { authorization: `Bearer ${token}` };
  return async (n) => graphqlOutcome(await postJson(url, bodies[n % bodies.length]!, headers));
}

type Vendor = keyof typeof DIRECT_VENDOR_QUERIES;
const VENDORS = Object.keys(DIRECT_VENDOR_QUERIES) as Vendor[];

/** The summary assembled from direct subgraph calls (data merged as the gateway merges it). */
export interface DirectSummary {
  outcome: RequestOutcome;
  patient: Record<string, unknown> | null;
}

/**
 * The federation baseline: the calls the gateway's query plan makes, made by the
 * client itself, one after another (their latencies add up), each signed as the
 * gateway signs them: identity for demographics and the patient's link keys, then
 * each vendor subgraph's `_entities` for its fields. Consent is enforced, as
 * through the gateway, and the calls claim audit custody as the gateway's do: the
 * subgraphs hand their decisions back instead of committing them. This client
 * drops them, so the sum is the subgraphs' own work; committing the decisions is
 * the gateway's, and counts in the federation overhead.
 */
export function directSummaryClient(
  subgraphUrls: Record<'identity' | Vendor, string>,
  assertionPrivateKeyPem: string,
  requester: Requester,
): (id: string, merge?: boolean) => Promise<DirectSummary> {
  const key = loadPrivateKey(assertionPrivateKeyPem);
  const post = (url: string, body: string, rid: string) =>
    postJson(`${url}/graphql`, body, {
      [ASSERTION_HEADER]: signAssertion(requester, rid, key, { audit: 'gateway' }),
    });
  return async (id, merge = false) => {
    const rid = randomUUID();
    const identity = await post(
      subgraphUrls.identity,
      JSON.stringify({ query: DIRECT_IDENTITY_QUERY, variables: { id } }),
      rid,
    );
    const first = graphqlOutcome(identity);
    if (!first.ok) return { outcome: first, patient: null };
    const patient = (
      JSON.parse(identity.text) as {
        data?: { patient?: { id: string; linkKeys: unknown; consentAddress: unknown } | null };
      }
    ).data?.patient;
    if (!patient) return { outcome: { ok: true, graphqlErrors: true }, patient: null };
    const representation = {
      __typename: 'Patient',
      id: patient.id,
      linkKeys: patient.linkKeys,
      consentAddress: patient.consentAddress,
    };
    const outcomes = [first];
    const merged: Record<string, unknown> = { ...patient };
    for (const vendor of VENDORS) {
      const body = JSON.stringify({
        query: DIRECT_VENDOR_QUERIES[vendor],
        variables: { r: [representation], ...(vendor === 'wearables' ? SUMMARY_RANGE : {}) },
      });
      const answer = await post(subgraphUrls[vendor], body, rid);
      outcomes.push(graphqlOutcome(answer));
      if (merge) {
        const entities = (JSON.parse(answer.text) as { data?: { _entities?: object[] } }).data
          ?._entities;
        Object.assign(merged, entities?.[0] ?? {});
      }
    }
    return {
      outcome: {
        ok: outcomes.every((o) => o.ok),
        graphqlErrors: outcomes.some((o) => o.graphqlErrors),
      },
      patient: merged,
    };
  };
}

export function directSummarySender(
  client: ReturnType<typeof directSummaryClient>,
  ids: readonly string[],
): SendSummary {
  return async (n) => (await client(ids[n % ids.length]!)).outcome;
}
