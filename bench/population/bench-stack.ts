import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStack, type RunningStack } from '../../cli/stack/start-stack';
import { EPHEMERAL_PORTS, logDir, type SubgraphName } from '../../cli/stack/stack-options';
import { devOrganizationWallet } from '../../contracts/dev-accounts';
import { mintDevToken } from '../../gateway/auth/dev-token';
import { loadOrCreateDevSecrets, type DevSecrets } from '../../subgraphs/shared/config/dev-secrets';
import type { Requester } from '../../subgraphs/shared/requester';
import { MEMORY_PROBE_PRELOAD } from '../harness/memory-probe';
import { findProcesses, type NamedProcess } from './find-processes';

/** The organisation every benchmark request comes from; patients consent to it. */
export const BENCH_ORGANIZATION = 'riverside-health';

/** Who the benchmark is, as the gateway forwards it (also used for direct subgraph calls). */
export const BENCH_REQUESTER: Requester = {
  subject: 'bench:riverside-health',
  organization: BENCH_ORGANIZATION,
  orgAddress: devOrganizationWallet(BENCH_ORGANIZATION).address,
  purpose: 'TREAT',
  scopes: ['user/*.rs'],
};

/** The gateway's query cost limit in benchmark stacks (see BENCH_STACK_ENV). */
export const BENCH_MAX_QUERY_COST = 1_000_000;

/**
 * Settings of every benchmark stack process. The load comes from one client
 * address, so the gateway's rate limiter keeps running (its cost is part of what
 * is measured) but never throttles, and the query cost limit admits a page of 100
 * summaries; nothing else differs from `npm start`. The
 * caller's NODE_ENV / NODE_OPTIONS are not inherited.
 */
export const BENCH_STACK_ENV: NodeJS.ProcessEnv = {
  NODE_ENV: '',
  NODE_OPTIONS: '',
  RATE_LIMIT_PER_MINUTE: '1000000000',
  RATE_LIMIT_BURST: '1000000',
  // The default cost limit (50,000) refuses a page of 100 patient summaries (estimated
  // 288,501: every list counts at its `first`); the scaling case asks for that page.
  MAX_QUERY_COST: String(BENCH_MAX_QUERY_COST),
};

/**
 * Preloads of the benchmark stack's processes: the memory probe (idle until
 * signalled; bench/harness/memory-probe.ts) and, with BENCH_PROFILE_DIR=<dir>, a V8
 * CPU profile written there when each process stops (cpu-profile-preload.js), to
 * see where a case spends its time. Profiling is off by default: it slows what is
 * measured.
 */
function profilingEnv(home: string): NodeJS.ProcessEnv {
  const preloads = [MEMORY_PROBE_PRELOAD];
  const env: NodeJS.ProcessEnv = { BENCH_MEMORY_PROBE_DIR: memoryProbeDir(home) };
  const dir = process.env.BENCH_PROFILE_DIR;
  if (dir) {
    preloads.push(path.join(__dirname, '..', 'harness', 'cpu-profile-preload.js'));
    env.BENCH_PROFILE_DIR = path.resolve(dir);
  }
  return { ...env, NODE_OPTIONS: preloads.map((p) => `--require ${p}`).join(' ') };
}

/** Where the stack's processes answer memory probes (bench/harness/memory-probe.ts). */
export function memoryProbeDir(home: string): string {
  return path.join(home, 'memory-probes');
}

export interface BenchStack {
  stack: RunningStack;
  home: string;
  secrets: DevSecrets;
  /** The environment the stack's subgraphs run with (to start more processes over the same stores). */
  processEnv: NodeJS.ProcessEnv;
  /** The gateway, the four subgraphs and anvil, found by pid (for RSS and CPU sampling). */
  processes(): NamedProcess[];
  /** A development token of the benchmark organisation (TREAT, user/*.rs). */
  token(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The whole stack as `npm start` runs it (anvil and the registry, four subgraph
 * processes with SQLite stores, the gateway), empty, in a fresh state folder under
 * the OS temp dir, on free ports. Stopping it removes the folder.
 */
export async function startBenchStack(log: (line: string) => void): Promise<BenchStack> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'patientgraph-bench-stack-'));
  const started = Date.now();
  let stack: RunningStack;
  try {
    stack = await startStack({
      home,
      host: '127.0.0.1',
      ports: EPHEMERAL_PORTS,
      seed: false,
      logLevel: 'warn',
      databaseUrls: {},
      env: { ...BENCH_STACK_ENV, ...profilingEnv(home), BENCH_PROCESS_SET: 'on' },
    });
  } catch (error) {
    log(`  stack did not start; logs kept in ${logDir(home)}`);
    throw error;
  }
  log(`  stack up in ${((Date.now() - started) / 1000).toFixed(1)} s (state in ${home})`);
  const secrets = loadOrCreateDevSecrets({ PATIENTGRAPH_HOME: home });
  const processEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...BENCH_STACK_ENV,
    ...profilingEnv(home),
    PATIENTGRAPH_HOME: home,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    GATEWAY_ASSERTION_PUBLIC_KEY: secrets.assertionPublicKeyPem,
    SERVICE_TOKEN: secrets.serviceToken,
    CHAIN_RPC_URL: stack.chain.rpcUrl,
    CHAIN_DEPLOYMENT_FILE: stack.chain.deploymentFile,
    DATABASE_URL: '',
  };
  let known: NamedProcess[] | undefined;
  return {
    stack,
    home,
    secrets,
    processEnv,
    processes() {
      known ??= findProcesses(home, 'on');
      return known;
    },
    token: () =>
      mintDevToken(secrets.tokenSigningSecret, {
        subject: BENCH_REQUESTER.subject,
        organization: BENCH_ORGANIZATION,
        orgAddress: BENCH_REQUESTER.orgAddress ?? undefined,
        purpose: 'TREAT',
        ttlSeconds: 6 * 3600,
      }),
    async stop() {
      await stack.stop();
      // BENCH_KEEP_STATE=1 keeps the stores and logs for a look after the run.
      if (process.env.BENCH_KEEP_STATE === '1') log(`  stack state kept in ${home}`);
      else fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

export type { SubgraphName };
