import fs from 'node:fs';
import path from 'node:path';
import { ContractFactory, Interface, getAddress } from 'ethers';
import { chainDeploymentFile } from '../subgraphs/shared/config/project-paths';
import { compileConsentRegistry } from './compile';
import { createRpcProvider, createSigner } from './rpc-provider';

/** What a subgraph needs to find the registry: where, on which chain, since which block. */
export interface Deployment {
  address: string;
  chainId: number;
  deployBlock: number;
}

export interface DeployOptions {
  rpcUrl: string;
  deployerPrivateKey: string;
  /** Accounts allowed to anchor audit-log heads; default: the deployer. */
  anchorers?: string[];
}

export class DeploymentFileError extends Error {
  constructor(file: string, reason: string) {
    super(`chain deployment file ${file}: ${reason}`);
    this.name = 'DeploymentFileError';
  }
}

/**
 * Compiles (cached) and deploys ConsentRegistry; the deployer becomes its owner and grants
 * the anchorer role. Works against any EVM JSON-RPC endpoint the key can pay gas on.
 */
export async function deployConsentRegistry(options: DeployOptions): Promise<Deployment> {
  const compiled = compileConsentRegistry();
  const provider = createRpcProvider(options.rpcUrl);
  try {
    const signer = createSigner(provider, options.deployerPrivateKey);
    const factory = new ContractFactory(compiled.abi, compiled.bytecode, signer);
    const contract = await factory.deploy();
    const receipt = await contract.deploymentTransaction()?.wait();
    if (!receipt || receipt.status !== 1 || !receipt.contractAddress) {
      throw new Error('ConsentRegistry deployment transaction failed');
    }
    const address = getAddress(receipt.contractAddress);
    const anchorers = options.anchorers ?? [await signer.getAddress()];
    const registry = new Interface(compiled.abi);
    for (const anchorer of anchorers) {
      const tx = await signer.sendTransaction({
        to: address,
        data: registry.encodeFunctionData('setAnchorer', [getAddress(anchorer), true]),
      });
      const anchorReceipt = await tx.wait();
      if (anchorReceipt?.status !== 1) throw new Error('setAnchorer transaction failed');
    }
    const network = await provider.getNetwork();
    return { address, chainId: Number(network.chainId), deployBlock: receipt.blockNumber };
  } finally {
    provider.destroy();
  }
}

/** Writes the deployment JSON atomically (readers never see half a file). */
export function writeDeployment(file: string, deployment: Deployment): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const content = {
    contract: 'ConsentRegistry',
    address: getAddress(deployment.address),
    chainId: deployment.chainId,
    deployBlock: deployment.deployBlock,
  };
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(content, null, 2)}\n`);
  fs.renameSync(temp, file);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Reads and validates a deployment file; default path: chainDeploymentFile(). */
export function readDeployment(file: string = chainDeploymentFile()): Deployment {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DeploymentFileError(
      file,
      code === 'ENOENT' ? 'not found (deploy first)' : String(code),
    );
  }
  let parsed: Partial<Deployment>;
  try {
    parsed = JSON.parse(raw) as Partial<Deployment>;
  } catch {
    throw new DeploymentFileError(file, 'not valid JSON');
  }
  if (typeof parsed.address !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(parsed.address)) {
    throw new DeploymentFileError(file, 'address is missing or not an address');
  }
  if (!isCount(parsed.chainId) || parsed.chainId === 0) {
    throw new DeploymentFileError(file, 'chainId is missing or invalid');
  }
  if (!isCount(parsed.deployBlock)) {
    throw new DeploymentFileError(file, 'deployBlock is missing or invalid');
  }
  return {
    address: getAddress(parsed.address.toLowerCase()),
    chainId: parsed.chainId,
    deployBlock: parsed.deployBlock,
  };
}

/**
 * A reused deployment predates anchorers added since (a newer version's process
 * with an audit chain of its own): grant the ones it lacks, as a fresh deployment
 * would. Only the owner can; a deployer key that is not the owner changes nothing
 * and those processes' anchoring keeps failing with NotAnchorer in their logs.
 */
async function grantMissingAnchorers(
  provider: ReturnType<typeof createRpcProvider>,
  options: DeployOptions,
  address: string,
): Promise<void> {
  if (!options.anchorers?.length) return;
  const registry = new Interface(compileConsentRegistry().abi);
  const signer = createSigner(provider, options.deployerPrivateKey);
  const owner = getAddress(
    registry.decodeFunctionResult(
      'owner',
      await provider.call({ to: address, data: registry.encodeFunctionData('owner') }),
    )[0] as string,
  );
  if (owner !== getAddress(await signer.getAddress())) return;
  for (const anchorer of options.anchorers) {
    const [allowed] = registry.decodeFunctionResult(
      'isAnchorer',
      await provider.call({
        to: address,
        data: registry.encodeFunctionData('isAnchorer', [getAddress(anchorer)]),
      }),
    ) as unknown as [boolean];
    if (allowed) continue;
    const tx = await signer.sendTransaction({
      to: address,
      data: registry.encodeFunctionData('setAnchorer', [getAddress(anchorer), true]),
    });
    const receipt = await tx.wait();
    if (receipt?.status !== 1) throw new Error('setAnchorer transaction failed');
  }
}

/**
 * For the stack runner: reuse the deployment in `file` when it is on this chain and has code
 * (a persisted anvil state, or a long-lived chain); otherwise deploy and write the file.
 */
export async function ensureConsentRegistry(
  options: DeployOptions & { file?: string },
): Promise<Deployment & { reused: boolean }> {
  const file = options.file ?? chainDeploymentFile();
  const provider = createRpcProvider(options.rpcUrl);
  try {
    const existing = fs.existsSync(file) ? readDeployment(file) : undefined;
    if (existing) {
      const [network, code] = await Promise.all([
        provider.getNetwork(),
        provider.getCode(existing.address),
      ]);
      if (Number(network.chainId) === existing.chainId && code !== '0x') {
        await grantMissingAnchorers(provider, options, existing.address);
        return { ...existing, reused: true };
      }
    }
  } catch (error) {
    if (!(error instanceof DeploymentFileError)) throw error;
    // An unreadable file is replaced by a fresh deployment below.
  } finally {
    provider.destroy();
  }
  const deployment = await deployConsentRegistry(options);
  writeDeployment(file, deployment);
  return { ...deployment, reused: false };
}
