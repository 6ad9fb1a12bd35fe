import {
  NonceManager,
  parseEther,
  toQuantity,
  type JsonRpcProvider,
  type Wallet,
  type HDNodeWallet,
} from 'ethers';
import { ConsentRegistry } from '../consent-registry';
import { deployConsentRegistry, type Deployment } from '../deploy';
import { devAnchorerAddresses, devDeployerWallet } from '../dev-accounts';
import { rpc, startLocalChain, type LocalChain } from '../local-chain';
import { createRpcProvider } from '../rpc-provider';

/** A fresh anvil on a free port with ConsentRegistry deployed: one per test file. */
export interface TestRegistry {
  chain: LocalChain;
  deployment: Deployment;
  provider: JsonRpcProvider;
  /** Read-only registry. */
  reader: ConsentRegistry;
  /** The registry with `wallet` as actor (one NonceManager per address). */
  as(wallet: Wallet | HDNodeWallet): ConsentRegistry;
  /** Gives an address ether (patients have none by default). */
  fund(address: string, ether?: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestRegistry(): Promise<TestRegistry> {
  const chain = await startLocalChain({ port: 0 });
  try {
    const deployment = await deployConsentRegistry({
      rpcUrl: chain.rpcUrl,
      deployerPrivateKey: devDeployerWallet().privateKey,
      anchorers: devAnchorerAddresses(),
    });
    const provider = createRpcProvider(chain.rpcUrl);
    const signers = new Map<string, NonceManager>();
    const as = (wallet: Wallet | HDNodeWallet) => {
      let signer = signers.get(wallet.address);
      if (!signer) {
        signer = new NonceManager(wallet.connect(provider));
        signers.set(wallet.address, signer);
      }
      return new ConsentRegistry(deployment.address, signer);
    };
    return {
      chain,
      deployment,
      provider,
      reader: new ConsentRegistry(deployment.address, provider),
      as,
      fund: async (address, ether = '1') => {
        await rpc(chain.rpcUrl, 'anvil_setBalance', [address, toQuantity(parseEther(ether))]);
      },
      stop: async () => {
        provider.destroy();
        await chain.stop();
      },
    };
  } catch (error) {
    await chain.stop();
    throw error;
  }
}
