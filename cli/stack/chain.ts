import path from 'node:path';
import { setUpConsentChain } from '../../contracts/chain-setup';
import { chainDeploymentFile } from '../../subgraphs/shared/config/project-paths';

export interface RunningChain {
  rpcUrl: string;
  chainId: number;
  registryAddress: string;
  deployBlock: number;
  /** The JSON file subgraphs read the registry address from. */
  deploymentFile: string;
  stop(): Promise<void>;
}

/**
 * The consent chain for a stack: a local anvil (state kept in the stack's folder,
 * so consents survive restarts) with the registry deployed by our own script, or
 * any EVM JSON-RPC URL where the registry is deployed or deployable.
 */
export async function startChain(options: {
  home: string;
  host: string;
  port: number;
  rpcUrl?: string;
}): Promise<RunningChain> {
  const deploymentFile = chainDeploymentFile({ PATIENTGRAPH_HOME: options.home });
  const chain = await setUpConsentChain({
    rpcUrl: options.rpcUrl,
    port: options.port,
    stateFile: options.rpcUrl ? undefined : path.join(options.home, 'chain-state.json'),
    deploymentFile,
    deployerPrivateKey: process.env.CHAIN_DEPLOYER_PRIVATE_KEY || undefined,
  });
  return {
    rpcUrl: chain.rpcUrl,
    chainId: chain.chainId,
    registryAddress: chain.deployment.address,
    deployBlock: chain.deployment.deployBlock,
    deploymentFile,
    stop: () => chain.stop(),
  };
}
