import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { resolveAnvilBinary } from './anvil-binary';

export {
  ANVIL_DEV_MNEMONIC,
  DEV_PATIENT_MNEMONIC,
  DEV_ACCOUNT_INDEX,
  DEV_ORGANIZATIONS,
  anvilDevWallet,
  devDeployerWallet,
  devRelayerWallet,
  devAnchorerWallet,
  devOrganizationWallet,
  devPatientWallet,
} from './dev-accounts';

export const DEFAULT_ANVIL_PORT = 8545;
export const DEFAULT_CHAIN_ID = 31337;

export interface LocalChainOptions {
  /** 0 = pick a free port. Default 8545. */
  port?: number;
  /** Default 127.0.0.1: a dev chain with public keys must not be reachable from the network. */
  host?: string;
  chainId?: number;
  /**
   * Persist the chain across restarts (anvil --state): loaded at start if present, written
   * on stop. Without it every start is a fresh chain.
   */
  stateFile?: string;
  /** Seconds between blocks; default: a block per transaction (automine). */
  blockTime?: number;
  startTimeoutMs?: number;
}

export interface LocalChain {
  rpcUrl: string;
  chainId: number;
  host: string;
  port: number;
  /** Stops anvil and waits for it to exit. Safe to call twice. */
  stop(): Promise<void>;
}

export class LocalChainError extends Error {
  constructor(
    message: string,
    readonly stderr = '',
  ) {
    super(stderr ? `${message}\n--- anvil stderr ---\n${stderr}` : message);
    this.name = 'LocalChainError';
  }
}

const GUARD_SCRIPT = path.join(__dirname, 'anvil-guard.js');

/** Guards of chains still running, killed when this process exits without stopping them. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const guard of running) guard.kill('SIGTERM');
  });
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function portIsFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

async function rpcChainId(rpcUrl: string): Promise<number | undefined> {
  try {
    const response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      signal: AbortSignal.timeout(1000),
    });
    const body = (await response.json()) as { result?: string };
    return body.result ? Number(BigInt(body.result)) : undefined;
  } catch {
    return undefined; // not listening yet
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function anvilArgs(options: LocalChainOptions, host: string, port: number): string[] {
  // 20 funded dev accounts: the first 10 are anvil's usual ones, 10-18 anchor audit logs.
  const args = ['--host', host, '--port', String(port), '--quiet', '--accounts', '20'];
  args.push('--chain-id', String(options.chainId ?? DEFAULT_CHAIN_ID));
  if (options.stateFile) args.push('--state', options.stateFile);
  if (options.blockTime !== undefined) args.push('--block-time', String(options.blockTime));
  return args;
}

async function launch(options: LocalChainOptions, host: string, port: number): Promise<LocalChain> {
  const binary = resolveAnvilBinary();
  const guard = spawn(process.execPath, [GUARD_SCRIPT, binary, ...anvilArgs(options, host, port)], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  guard.stderr?.setEncoding('utf8');
  guard.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    guard.once('exit', (code) => {
      exitCode = code;
      running.delete(guard);
      resolve();
    }),
  );
  // Neither the guard nor its IPC channel may keep this process alive: a forgotten chain
  // must not hang a test run. The channel closing is what stops anvil then.
  guard.unref();
  guard.channel?.unref();
  (guard.stderr as net.Socket | null)?.unref();
  running.add(guard);
  installExitHook();

  const stop = async (): Promise<void> => {
    if (exitCode !== undefined) return;
    guard.kill('SIGTERM');
    const force = setTimeout(() => guard.kill('SIGKILL'), 6000);
    await exited;
    clearTimeout(force);
  };

  const rpcUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 15_000);
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new LocalChainError(`anvil exited (code ${exitCode}) before answering`, stderr.trim());
    }
    const chainId = await rpcChainId(rpcUrl);
    if (chainId !== undefined && exitCode === undefined) {
      return { rpcUrl, chainId, host, port, stop };
    }
    await delay(25);
  }
  await stop();
  throw new LocalChainError(`anvil did not answer eth_chainId at ${rpcUrl} in time`, stderr.trim());
}

/**
 * Starts a local anvil bound to 127.0.0.1 and resolves once it answers eth_chainId.
 * anvil runs under a small guard process so it dies with this process, however this
 * process ends. With port 0 a free port is picked (and another one tried if that port
 * was taken in the meantime).
 */
export async function startLocalChain(options: LocalChainOptions = {}): Promise<LocalChain> {
  const host = options.host ?? '127.0.0.1';
  const requested = options.port ?? DEFAULT_ANVIL_PORT;
  if (!Number.isInteger(requested) || requested < 0 || requested > 65535) {
    throw new LocalChainError(`invalid port ${requested}`);
  }
  if (requested !== 0) {
    // Otherwise a chain already listening there would answer eth_chainId in our anvil's place.
    if (!(await portIsFree(host, requested))) {
      throw new LocalChainError(`port ${requested} on ${host} is already in use`);
    }
    return launch(options, host, requested);
  }
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await launch(options, host, await freePort(host));
    } catch (error) {
      lastError = error;
      if (!(error instanceof LocalChainError && /in use/i.test(error.stderr))) throw error;
    }
  }
  throw lastError;
}

/** JSON-RPC helpers for tests and scripts: anvil's time travel. */
export async function increaseTime(rpcUrl: string, seconds: number): Promise<void> {
  await rpc(rpcUrl, 'evm_increaseTime', [seconds]);
  await rpc(rpcUrl, 'evm_mine', []);
}

export async function rpc<T = unknown>(
  rpcUrl: string,
  method: string,
  params: unknown[],
): Promise<T> {
  const response = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method} failed: ${body.error.message}`);
  return body.result as T;
}
