import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { makeTempDir } from '../test/helpers/temp-dir';
import { createRpcProvider } from './rpc-provider';
import {
  DeploymentFileError,
  deployConsentRegistry,
  ensureConsentRegistry,
  readDeployment,
  writeDeployment,
} from './deploy';
import {
  DEV_ORGANIZATIONS,
  LocalChainError,
  anvilDevWallet,
  devDeployerWallet,
  devOrganizationWallet,
  devPatientWallet,
  rpc,
  startLocalChain,
  type LocalChain,
} from './local-chain';

let chain: LocalChain;
const temp = makeTempDir('chain');

beforeAll(async () => {
  chain = await startLocalChain({ port: 0 });
});
afterAll(async () => {
  await chain?.stop();
  temp.cleanup();
});

describe('startLocalChain', () => {
  it('starts anvil on a free loopback port and reports its chain id', async () => {
    expect(chain.rpcUrl).toBe(`http://127.0.0.1:${chain.port}`);
    expect(chain.port).toBeGreaterThan(0);
    expect(chain.chainId).toBe(31337);
    expect(await rpc<string>(chain.rpcUrl, 'eth_chainId', [])).toBe('0x7a69');
  });

  it('refuses a port that is already taken instead of talking to someone else', async () => {
    await expect(startLocalChain({ port: chain.port })).rejects.toThrow(LocalChainError);
  });

  it('stops anvil and frees its port; stop twice is harmless', async () => {
    const other = await startLocalChain({ port: 0, chainId: 1337 });
    expect(other.chainId).toBe(1337);
    await other.stop();
    await other.stop();
    await expect(rpc(other.rpcUrl, 'eth_chainId', [])).rejects.toThrow();
    await new Promise<void>((resolve, reject) => {
      const server = net.createServer().once('error', reject);
      server.listen(other.port, '127.0.0.1', () => server.close(() => resolve()));
    });
  });
});

describe('dev accounts', () => {
  it("derives anvil's funded accounts and separate, unfunded patient wallets", async () => {
    // Anvil's well-known first account.
    expect(devDeployerWallet().address).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
    const provider = createRpcProvider(chain.rpcUrl);
    try {
      for (const o of DEV_ORGANIZATIONS) {
        expect(await provider.getBalance(devOrganizationWallet(o.key).address)).toBeGreaterThan(0n);
      }
      const anvilAccounts = new Set(
        Array.from({ length: 10 }, (_, i) => anvilDevWallet(i).address),
      );
      for (let i = 0; i < 5; i++) {
        const wallet = devPatientWallet(i);
        expect(anvilAccounts.has(wallet.address)).toBe(false);
        expect(await provider.getBalance(wallet.address)).toBe(0n);
      }
      expect(devPatientWallet(3).address).toBe(devPatientWallet(3).address);
      expect(devPatientWallet(3).address).not.toBe(devPatientWallet(4).address);
    } finally {
      provider.destroy();
    }
    expect(() => devPatientWallet(-1)).toThrow(RangeError);
    expect(() => devOrganizationWallet('nobody')).toThrow(RangeError);
  });
});

describe('deployment', () => {
  it('deploys, and writes and reads the deployment file', async () => {
    const deployment = await deployConsentRegistry({
      rpcUrl: chain.rpcUrl,
      deployerPrivateKey: devDeployerWallet().privateKey,
    });
    expect(deployment.chainId).toBe(31337);
    expect(deployment.deployBlock).toBeGreaterThan(0);
    const provider = createRpcProvider(chain.rpcUrl);
    try {
      expect((await provider.getCode(deployment.address)).length).toBeGreaterThan(1000);
    } finally {
      provider.destroy();
    }
    const file = path.join(temp.dir, 'nested', 'chain.json');
    writeDeployment(file, deployment);
    expect(readDeployment(file)).toEqual(deployment);
  });

  it('rejects missing or malformed deployment files with the reason', () => {
    const file = path.join(temp.dir, 'bad.json');
    expect(() => readDeployment(path.join(temp.dir, 'absent.json'))).toThrow(/not found/);
    fs.writeFileSync(file, '{');
    expect(() => readDeployment(file)).toThrow(DeploymentFileError);
    fs.writeFileSync(file, JSON.stringify({ address: '0x12', chainId: 1, deployBlock: 0 }));
    expect(() => readDeployment(file)).toThrow(/address/);
    const address = devDeployerWallet().address;
    fs.writeFileSync(file, JSON.stringify({ address, chainId: 1, deployBlock: -1 }));
    expect(() => readDeployment(file)).toThrow(/deployBlock/);
  });

  it('ensureConsentRegistry reuses a live deployment and redeploys a stale one', async () => {
    const file = path.join(temp.dir, 'ensure.json');
    const options = {
      rpcUrl: chain.rpcUrl,
      deployerPrivateKey: devDeployerWallet().privateKey,
      file,
    };
    const first = await ensureConsentRegistry(options);
    expect(first.reused).toBe(false);
    const second = await ensureConsentRegistry(options);
    expect(second).toEqual({ ...first, reused: true });
    // A file from another chain (e.g. a previous, unpersisted anvil) is replaced.
    writeDeployment(file, { ...first, chainId: 999 });
    const third = await ensureConsentRegistry(options);
    expect(third.reused).toBe(false);
    expect(readDeployment(file).address).toBe(third.address);
  });
});
