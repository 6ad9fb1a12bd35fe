import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { JsonFragment } from 'ethers';

export const CONTRACT_NAME = 'ConsentRegistry';
export const CONTRACT_SOURCE_FILE = path.join(__dirname, `${CONTRACT_NAME}.sol`);
/** The committed ABI that typed bindings and other processes read without compiling. */
export const COMMITTED_ABI_FILE = path.join(__dirname, 'abi', `${CONTRACT_NAME}.json`);
/** Compiled artifacts live outside git (generated/ is ignored). */
export const DEFAULT_ARTIFACT_DIR = path.resolve(__dirname, '..', 'generated', 'contracts');

/**
 * Cancun: what anvil and current public EVM chains run. The contract needs nothing newer,
 * and a later target (prague/osaka opcodes) would not deploy on chains that lag behind.
 */
export const EVM_VERSION = 'cancun';

export interface CompiledContract {
  contractName: string;
  abi: JsonFragment[];
  /** Creation bytecode, 0x-prefixed. */
  bytecode: string;
  deployedBytecode: string;
  compilerVersion: string;
  /** sha256 of the compiler version and the standard JSON input; the cache key. */
  inputHash: string;
  warnings: string[];
}

export class ContractCompileError extends Error {
  constructor(readonly compilerErrors: string[]) {
    super(`Solidity compilation failed:\n${compilerErrors.join('\n')}`);
    this.name = 'ContractCompileError';
  }
}

export interface CompileOptions {
  /** Where to cache artifacts; default generated/contracts/. */
  artifactDir?: string;
  /** false = always run solc and do not touch the cache (the ABI drift test). */
  useCache?: boolean;
  /** Source override (tests of the error path). */
  source?: string;
}

interface SolcMessage {
  severity: 'error' | 'warning' | 'info';
  formattedMessage?: string;
  message: string;
}

interface SolcOutput {
  errors?: SolcMessage[];
  contracts?: Record<
    string,
    Record<
      string,
      {
        abi: JsonFragment[];
        evm: { bytecode: { object: string }; deployedBytecode: { object: string } };
      }
    >
  >;
}

function standardInput(source: string): object {
  return {
    language: 'Solidity',
    sources: { [`${CONTRACT_NAME}.sol`]: { content: source } },
    settings: {
      evmVersion: EVM_VERSION,
      // Many more calls (checks, grants) than deployments: favour call cost.
      optimizer: { enabled: true, runs: 1000 },
      outputSelection: {
        '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] },
      },
    },
  };
}

/** The solc-js package version, read without loading the 8 MB compiler. */
function solcPackageVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(require.resolve('solc/package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

function readCached(file: string, inputHash: string): CompiledContract | undefined {
  try {
    const cached = JSON.parse(fs.readFileSync(file, 'utf8')) as CompiledContract;
    return cached.inputHash === inputHash ? cached : undefined;
  } catch {
    return undefined; // absent or half-written by an older run: recompile
  }
}

/** Atomic (write + rename) because parallel test workers may compile at the same time. */
function writeCached(file: string, compiled: CompiledContract): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(compiled, null, 2));
  fs.renameSync(temp, file);
}

function runSolc(input: object): SolcOutput {
  // Loaded lazily: requiring solc costs ~0.7 s, which a cache hit never pays.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const solc = require('solc') as { compile(input: string): string; version(): string };
  return JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput;
}

/**
 * Compiles ConsentRegistry.sol with solc-js in-process (no compiler download). The result is
 * cached under generated/contracts/ keyed by a hash of the source, settings and compiler
 * version, so repeated starts skip solc entirely. Throws ContractCompileError with the
 * compiler's own messages when the source does not compile.
 */
export function compileConsentRegistry(options: CompileOptions = {}): CompiledContract {
  const source = options.source ?? fs.readFileSync(CONTRACT_SOURCE_FILE, 'utf8');
  const input = standardInput(source);
  const compilerVersion = `solc-js ${solcPackageVersion()}`;
  const inputHash = crypto
    .createHash('sha256')
    .update(compilerVersion)
    .update(JSON.stringify(input))
    .digest('hex');
  const useCache = options.useCache ?? true;
  const cacheFile = path.join(options.artifactDir ?? DEFAULT_ARTIFACT_DIR, `${CONTRACT_NAME}.json`);
  if (useCache) {
    const cached = readCached(cacheFile, inputHash);
    if (cached) return cached;
  }

  const output = runSolc(input);
  const messages = output.errors ?? [];
  const text = (m: SolcMessage) => (m.formattedMessage ?? m.message).trim();
  const errors = messages.filter((m) => m.severity === 'error').map(text);
  if (errors.length > 0) throw new ContractCompileError(errors);
  const contract = output.contracts?.[`${CONTRACT_NAME}.sol`]?.[CONTRACT_NAME];
  if (!contract) throw new ContractCompileError([`no contract ${CONTRACT_NAME} in the output`]);

  const compiled: CompiledContract = {
    contractName: CONTRACT_NAME,
    abi: contract.abi,
    bytecode: `0x${contract.evm.bytecode.object}`,
    deployedBytecode: `0x${contract.evm.deployedBytecode.object}`,
    compilerVersion,
    inputHash,
    warnings: messages.filter((m) => m.severity === 'warning').map(text),
  };
  if (useCache) writeCached(cacheFile, compiled);
  return compiled;
}

/** The ABI as committed in contracts/abi/ (what typed bindings use at runtime). */
export function readCommittedAbi(): JsonFragment[] {
  return JSON.parse(fs.readFileSync(COMMITTED_ABI_FILE, 'utf8')) as JsonFragment[];
}

export function formatAbiFile(abi: JsonFragment[]): string {
  return `${JSON.stringify(abi, null, 2)}\n`;
}

// `node -r @swc-node/register contracts/compile.ts` recompiles and rewrites the committed ABI.
if (require.main === module) {
  const compiled = compileConsentRegistry({ useCache: false });
  for (const warning of compiled.warnings) console.warn(warning);
  fs.mkdirSync(path.dirname(COMMITTED_ABI_FILE), { recursive: true });
  fs.writeFileSync(COMMITTED_ABI_FILE, formatAbiFile(compiled.abi));
  console.log(
    `wrote ${path.relative(process.cwd(), COMMITTED_ABI_FILE)} (${compiled.compilerVersion})`,
  );
}
