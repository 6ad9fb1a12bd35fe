import path from 'node:path';
import type { TestConsentChain } from './consent-chain';

/** The environment a subgraph process (or in-process server) needs to reach a test consent chain. */
export function consentEnv(chain: TestConsentChain, dir: string): Record<string, string> {
  return {
    CHAIN_RPC_URL: chain.registry.chain.rpcUrl,
    CHAIN_DEPLOYMENT_FILE: chain.deploymentFile,
    AUDIT_DATABASE_URL: `file:${path.join(dir, 'audit.db')}`,
    CONSENT_POLL_INTERVAL_MS: '100',
  };
}
