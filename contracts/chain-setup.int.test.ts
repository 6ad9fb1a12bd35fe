import path from 'node:path';
import { makeTempDir } from '../test/helpers/temp-dir';
import { ConsentChainError, setUpConsentChain } from './chain-setup';
import { ConsentCategory, PurposeOfUse } from './consent-codes';
import { ConsentRegistry } from './consent-registry';
import { readDeployment, writeDeployment } from './deploy';
import {
  devAuditAnchorerWallet,
  devOrganizationWallet,
  devPatientWallet,
  devRelayerWallet,
} from './dev-accounts';
import { createRpcProvider, createSigner } from './rpc-provider';

// The stack runner's entry: anvil + deployment, persisted across restarts.
const temp = makeTempDir('consent-chain');
afterAll(() => temp.cleanup());

describe('setUpConsentChain', () => {
  it('deploys once, and a restart with the same state file keeps deployment and consents', async () => {
    const options = {
      port: 0,
      stateFile: path.join(temp.dir, 'anvil-state.json'),
      deploymentFile: path.join(temp.dir, 'chain.json'),
    };
    const consent = {
      patient: devPatientWallet(40).address,
      grantee: devOrganizationWallet('riverside-health').address,
      category: ConsentCategory.Labs,
      purpose: PurposeOfUse.TREAT,
    };

    const first = await setUpConsentChain(options);
    try {
      expect(first.reused).toBe(false);
      expect(readDeployment(options.deploymentFile)).toEqual(first.deployment);
      const provider = createRpcProvider(first.rpcUrl);
      const relayer = new ConsentRegistry(
        first.deployment.address,
        createSigner(provider, devRelayerWallet().privateKey),
      );
      await relayer.submitSignedGrant(await relayer.signGrant(devPatientWallet(40), consent));
      provider.destroy();
    } finally {
      await first.stop();
    }

    const second = await setUpConsentChain(options);
    try {
      expect(second.reused).toBe(true);
      expect(second.deployment).toEqual(first.deployment);
      const { registry, provider } = ConsentRegistry.connect({
        rpcUrl: second.rpcUrl,
        address: second.deployment.address,
      });
      expect(await registry.hasConsent(consent)).toBe(true);
      provider.destroy();

      // Another process pointing at this chain without a deployer key reuses the file.
      const external = await setUpConsentChain({
        rpcUrl: second.rpcUrl,
        deploymentFile: options.deploymentFile,
      });
      expect(external).toMatchObject({ reused: true, deployment: first.deployment });
      await expect(
        setUpConsentChain({
          rpcUrl: second.rpcUrl,
          deploymentFile: path.join(temp.dir, 'none.json'),
        }),
      ).rejects.toThrow(/not found/);
      // ... and refuses a file that points at no contract on this chain.
      const stale = path.join(temp.dir, 'stale.json');
      writeDeployment(stale, { ...first.deployment, address: devPatientWallet(41).address });
      await expect(
        setUpConsentChain({ rpcUrl: second.rpcUrl, deploymentFile: stale }),
      ).rejects.toThrow(ConsentChainError);
    } finally {
      await second.stop();
    }
  });

  it('grants anchorers added since the deployment when it reuses one (an upgraded stack)', async () => {
    const options = {
      port: 0,
      stateFile: path.join(temp.dir, 'upgrade-state.json'),
      deploymentFile: path.join(temp.dir, 'upgrade-chain.json'),
    };
    const older = devAuditAnchorerWallet('identity').address;
    const added = devAuditAnchorerWallet('gateway').address;
    const first = await setUpConsentChain({ ...options, anchorers: [older] });
    await first.stop();
    const upgraded = await setUpConsentChain({ ...options, anchorers: [older, added] });
    try {
      expect(upgraded.reused).toBe(true);
      const { registry, provider } = ConsentRegistry.connect({
        rpcUrl: upgraded.rpcUrl,
        address: upgraded.deployment.address,
      });
      try {
        expect(await registry.isAnchorer(older)).toBe(true);
        expect(await registry.isAnchorer(added)).toBe(true);
        expect(await registry.isAnchorer(devPatientWallet(42).address)).toBe(false);
      } finally {
        provider.destroy();
      }
    } finally {
      await upgraded.stop();
    }
  });
});
