import path from 'node:path';
import { startServiceProcess, type ServiceProcess } from '../../cli/stack/service-process';
import { logDir } from '../../cli/stack/stack-options';
import type { BenchStack } from '../population/bench-stack';
import { findProcesses, type NamedProcess } from '../population/find-processes';

export interface ProcessSet {
  gatewayUrl: string;
  /** Base URLs of the set's subgraphs (GraphQL at `<url>/graphql`). */
  subgraphUrls: Record<'identity' | 'ehr-fhir' | 'ehr-hl7v2' | 'wearables', string>;
  processes: NamedProcess[];
  stop(): Promise<void>;
}

export interface ProcessSetOptions {
  /** Names the set's processes (BENCH_PROCESS_SET), log files, audit folder and log ids. */
  name: string;
  /** CONSENT_ENFORCEMENT of every process of the set. */
  enforcement: 'on' | 'off';
  /** More settings for every process of the set (experiments, e.g. AUDIT_SYNCHRONOUS). */
  env?: NodeJS.ProcessEnv;
}

/**
 * A gateway and four subgraph processes over the SAME stores and chain as the
 * benchmark stack, started after the population is built, as `npm start` starts
 * them but for CONSENT_ENFORCEMENT. The patient summary compares two such sets,
 * one with the policy on and one with it off, both started the same way: measured
 * against the stack that built the population, a fresh set of identical
 * processes was up to a fifth slower (an A/A run, BENCH_SUMMARY_CALIBRATE=1), which
 * biased the ratio toward whichever side ran on that stack. Each set keeps its own
 * audit files and log ids, so it never touches another set's hash chains.
 */
export async function startProcessSet(
  bench: BenchStack,
  options: ProcessSetOptions,
  log: (line: string) => void,
): Promise<ProcessSet> {
  const started: ServiceProcess[] = [];
  const stop = async () => {
    for (const part of started.reverse()) await part.stop().catch(() => undefined);
  };
  const env: NodeJS.ProcessEnv = {
    ...bench.processEnv,
    BENCH_PROCESS_SET: options.name,
    CONSENT_ENFORCEMENT: options.enforcement,
    AUDIT_DATABASE_URL: `file:${path.join(bench.home, 'data', `audit-${options.name}`, '{logId}.db')}`,
    SUPERGRAPH_FILE: '',
    ...options.env,
  };
  const start = async (service: string, entry: string, extra: NodeJS.ProcessEnv) => {
    const running = await startServiceProcess({
      name: `${service} (${options.name})`,
      entry,
      env: { ...env, AUDIT_LOG_ID: `${service}-${options.name}`, ...extra },
      logFile: path.join(logDir(bench.home), `${service}-${options.name}.log`),
      readyTimeoutMs: 90_000,
    });
    started.push(running);
    return running;
  };
  try {
    const identity = await start('identity', 'subgraphs/identity/index.ts', { PORT: '0' });
    const vendor = { PORT: '0', IDENTITY_URL: identity.url };
    const [fhir, hl7, wearables] = await Promise.all([
      start('ehr-fhir', 'subgraphs/ehr-fhir/index.ts', vendor),
      start('ehr-hl7v2', 'subgraphs/ehr-hl7v2/index.ts', { ...vendor, MLLP_PORT: '0' }),
      start('wearables', 'subgraphs/wearables/index.ts', vendor),
    ]);
    const subgraphUrls = {
      identity: identity.url,
      'ehr-fhir': fhir.url,
      'ehr-hl7v2': hl7.url,
      wearables: wearables.url,
    };
    const gateway = await start('gateway', 'gateway/main.ts', {
      GATEWAY_PORT: '0',
      GATEWAY_ASSERTION_PRIVATE_KEY: bench.secrets.assertionPrivateKeyPem,
      SUBGRAPHS: Object.entries(subgraphUrls)
        .map(([name, url]) => `${name}=${url}/graphql`)
        .join(','),
    });
    log(
      `  ${options.name}: gateway and subgraphs up (CONSENT_ENFORCEMENT=${options.enforcement}, same stores)`,
    );
    return {
      gatewayUrl: gateway.url,
      subgraphUrls,
      processes: findProcesses(bench.home, options.name),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
