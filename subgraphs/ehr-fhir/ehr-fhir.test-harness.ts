import path from 'node:path';
import { startTestConsentChain } from '../../test/helpers/consent-chain';
import { consentEnv } from '../../test/helpers/consent-env';
import { BREAK_GLASS_REQUESTER, GatewaySigner } from '../../test/helpers/gateway-signer';
import { makeTempDir } from '../../test/helpers/temp-dir';
import type { RunningServer } from '../shared/http/subgraph-server';
import { loadIdentityConfig } from '../identity/config';
import { startIdentity } from '../identity/server';
import { loadEhrFhirConfig } from './config';
import { startEhrFhir } from './server';

export const SERVICE_TOKEN = 'test-service-token';

/**
 * identity and ehr-fhir as real HTTP servers on port 0 with temporary SQLite files,
 * for the subgraph-level integration tests. `identity: false` points ehr-fhir at a
 * closed port instead (identity unreachable).
 */
export async function startEhrFhirPair(
  options: { identity?: boolean; env?: Record<string, string> } = {},
) {
  // Queries here test mapping and storage; consent has its own tests (break-glass sees all).
  const signer = new GatewaySigner(BREAK_GLASS_REQUESTER);
  const temp = makeTempDir('ehr-fhir');
  const chain = await startTestConsentChain(temp.dir);
  const common = {
    ...consentEnv(chain, temp.dir),
    PORT: '0',
    GATEWAY_ASSERTION_PUBLIC_KEY: signer.publicKeyPem,
    SERVICE_TOKEN,
    LOG_LEVEL: 'silent',
  };
  const identity: RunningServer | null =
    options.identity === false
      ? null
      : await startIdentity(
          loadIdentityConfig({
            ...common,
            DATABASE_URL: `file:${path.join(temp.dir, 'identity.db')}`,
          }),
        );
  const ehr = await startEhrFhir(
    loadEhrFhirConfig({
      ...common,
      DATABASE_URL: `file:${path.join(temp.dir, 'ehr-fhir.db')}`,
      IDENTITY_URL: identity?.url ?? 'http://127.0.0.1:9',
      ...options.env,
    }),
  );
  return {
    signer,
    identity,
    ehr,
    dir: temp.dir,
    /** Env for more subgraphs started by a test against the same consent chain. */
    consentEnv: consentEnv(chain, temp.dir),
    async post(route: string, body: string, contentType = 'application/fhir+json') {
      const response = await fetch(`${ehr.url}${route}`, {
        method: 'POST',
        headers: { 'content-type': contentType, authorization: `Bearer ${SERVICE_TOKEN}` },
        body,
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    async close() {
      await ehr.close();
      await identity?.close();
      await chain.stop();
      temp.cleanup();
    },
  };
}

export type EhrFhirPair = Awaited<ReturnType<typeof startEhrFhirPair>>;
