import { JsonRpcProvider, Network, NonceManager, Wallet } from 'ethers';

/**
 * A provider for any EVM JSON-RPC URL. `cacheTimeout: -1` turns off ethers' 250 ms result
 * cache: with it, a second transaction sent right after another reads a stale nonce and
 * anvil answers "nonce too low". `staticNetwork` skips re-detecting the chain on every call.
 * With a known chain id the network is never detected at all: a provider created while
 * the node is down then fails its calls cleanly instead of retrying detection in the
 * background (which surfaces as unhandled rejections in long-running services).
 */
export function createRpcProvider(rpcUrl: string, chainId?: number): JsonRpcProvider {
  if (chainId !== undefined) {
    const network = Network.from(chainId);
    return new JsonRpcProvider(rpcUrl, network, { cacheTimeout: -1, staticNetwork: network });
  }
  return new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1, staticNetwork: true });
}

/**
 * A signer that counts its own nonces, so several transactions can be in flight from one
 * account (the relayer submits many patients' signed consents back to back).
 */
export function createSigner(provider: JsonRpcProvider, privateKey: string): NonceManager {
  return new NonceManager(new Wallet(privateKey, provider));
}
