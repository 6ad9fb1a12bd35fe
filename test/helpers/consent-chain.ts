import path from 'node:path';
import type { HDNodeWallet } from 'ethers';
import type { ConsentCategory, PurposeOfUse } from '../../contracts/consent-codes';
import { writeDeployment } from '../../contracts/deploy';
import { devOrganizationWallet, devRelayerWallet } from '../../contracts/dev-accounts';
import { startTestRegistry, type TestRegistry } from '../../contracts/testing/test-registry';
import type { ConsentConfig } from '../../subgraphs/shared/config/consent-config';

/**
 * A real consent chain for a test: anvil on a free port with the registry deployed,
 * its deployment file written, and helpers that grant and revoke the way patients
 * do (EIP-712 signatures submitted by the relayer).
 */
export interface TestConsentChain {
  registry: TestRegistry;
  deploymentFile: string;
  /** Config for a subgraph's consent runtime (fast polling for tests). */
  consentConfig(auditDir: string, logId: string): ConsentConfig;
  grant(
    patient: HDNodeWallet,
    organization: string,
    categories: ConsentCategory[],
    purpose: PurposeOfUse,
    expiresAt?: number,
  ): Promise<void>;
  revoke(
    patient: HDNodeWallet,
    organization: string,
    categories: ConsentCategory[],
    purpose: PurposeOfUse,
  ): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestConsentChain(dir: string): Promise<TestConsentChain> {
  const registry = await startTestRegistry();
  const deploymentFile = path.join(dir, 'chain.json');
  writeDeployment(deploymentFile, registry.deployment);
  const relayer = registry.as(devRelayerWallet());
  return {
    registry,
    deploymentFile,
    consentConfig: (auditDir, logId) => ({
      chainRpcUrl: registry.chain.rpcUrl,
      deploymentFile,
      auditDatabaseUrl: `file:${path.join(auditDir, 'audit.db')}`,
      auditLogId: logId,
      auditAnchorIntervalMs: 60_000,
      consentPollIntervalMs: 100,
      consentStaleAfterMs: 2_000,
      consentRpcTimeoutMs: 2_000,
    }),
    async grant(patient, organization, categories, purpose, expiresAt) {
      const grantee = devOrganizationWallet(organization).address;
      for (const category of categories) {
        const signed = await relayer.signGrant(patient, { grantee, category, purpose, expiresAt });
        await relayer.submitSignedGrant(signed);
      }
    },
    async revoke(patient, organization, categories, purpose) {
      const grantee = devOrganizationWallet(organization).address;
      for (const category of categories) {
        const signed = await relayer.signRevocation(patient, { grantee, category, purpose });
        await relayer.submitSignedRevocation(signed);
      }
    },
    stop: () => registry.stop(),
  };
}
