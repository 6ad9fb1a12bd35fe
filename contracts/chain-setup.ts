import { ensureConsentRegistry, readDeployment, type Deployment } from './deploy';
import { devAnchorerAddresses, devDeployerWallet } from './dev-accounts';
import { startLocalChain, type LocalChain } from './local-chain';
import { createRpcProvider } from './rpc-provider';

export interface ConsentChainOptions {
  /** An existing EVM JSON-RPC endpoint. Absent: a local anvil is started. */
  rpcUrl?: string;
  /** Port of the local anvil (default 8545; 0 = any free port). Ignored with rpcUrl. */
  port?: number;
  /** anvil --state file: consents and the deployment survive restarts. Ignored with rpcUrl. */
  stateFile?: string;
  /** Where the deployment JSON is read from and written to (chainDeploymentFile()). */
  deploymentFile: string;
  /**
   * Pays for the deployment. Default on a local anvil: the public dev deployer key. With an
   * external rpcUrl there is no default: a dev key must not be used against a real chain.
   */
  deployerPrivateKey?: string;
  /** Audit anchorers granted at deployment (default on anvil: the dev anchorer account). */
  anchorers?: string[];
}

export interface ConsentChain {
  rpcUrl: string;
  chainId: number;
  deployment: Deployment;
  /** True when an existing deployment (persisted state or external chain) was reused. */
  reused: boolean;
  /** Stops the local anvil, if one was started; a no-op for an external chain. */
  stop(): Promise<void>;
}

export class ConsentChainError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConsentChainError';
  }
}

/**
 * For the stack runner: a chain with ConsentRegistry on it and the deployment file written.
 * Starts anvil unless an rpcUrl is given, then reuses the deployment in the file when it is
 * live on that chain, and deploys otherwise.
 */
export async function setUpConsentChain(options: ConsentChainOptions): Promise<ConsentChain> {
  let local: LocalChain | undefined;
  if (!options.rpcUrl) {
    local = await startLocalChain({ port: options.port, stateFile: options.stateFile });
  }
  const rpcUrl = options.rpcUrl ?? local!.rpcUrl;
  try {
    const deployerPrivateKey =
      options.deployerPrivateKey ?? (local ? devDeployerWallet().privateKey : undefined);
    if (!deployerPrivateKey) {
      return await useExistingDeployment(rpcUrl, options.deploymentFile);
    }
    const anchorers = options.anchorers ?? (local ? devAnchorerAddresses() : undefined);
    const { reused, ...deployment } = await ensureConsentRegistry({
      rpcUrl,
      deployerPrivateKey,
      anchorers,
      file: options.deploymentFile,
    });
    return {
      rpcUrl,
      chainId: deployment.chainId,
      deployment,
      reused,
      stop: async () => local?.stop(),
    };
  } catch (error) {
    await local?.stop();
    throw error;
  }
}

/** An external chain without a deployer key: the deployment file must point at live code. */
async function useExistingDeployment(rpcUrl: string, file: string): Promise<ConsentChain> {
  const deployment = readDeployment(file);
  const provider = createRpcProvider(rpcUrl);
  try {
    const [network, code] = await Promise.all([
      provider.getNetwork(),
      provider.getCode(deployment.address),
    ]);
    if (Number(network.chainId) !== deployment.chainId || code === '0x') {
      throw new ConsentChainError(
        `no ConsentRegistry at ${deployment.address} on chain ${network.chainId} (${file}); ` +
          'deploy it or give a deployer key',
      );
    }
  } finally {
    provider.destroy();
  }
  return { rpcUrl, chainId: deployment.chainId, deployment, reused: true, stop: async () => {} };
}
