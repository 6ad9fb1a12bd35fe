import path from 'node:path';
import { startServiceProcess, type ServiceProcess } from '../../cli/stack/service-process';
import { logDir } from '../../cli/stack/stack-options';
import type { BenchStack } from '../population/bench-stack';
import { findProcesses, type NamedProcess } from '../population/find-processes';

export interface PolicyOffSet {
  gatewayUrl: string;
  processes: NamedProcess[];
  stop(): Promise<void>;
}

/**
 * A second gateway and four subgraph processes over the SAME stores and chain as
 * the benchmark stack, identical but for CONSENT_ENFORCEMENT=off: the baseline that
 * shows what the policy layer (consent checks, record filtering, audit) costs. It
 * writes no audit entries; its processes get their own audit file and log ids so
 * they never touch the enforcing processes' hash chains.
 */
export async function startPolicyOffSet(
  bench: BenchStack,
  log: (line: string) => void,
): Promise<PolicyOffSet> {
  const started: ServiceProcess[] = [];
  const stop = async () => {
    for (const part of started.reverse()) await part.stop().catch(() => undefined);
  };
  const env: NodeJS.ProcessEnv = {
    ...bench.processEnv,
    BENCH_PROCESS_SET: 'off',
    CONSENT_ENFORCEMENT: 'off',
    AUDIT_DATABASE_URL: `file:${path.join(bench.home, 'data', 'audit-policy-off.db')}`,
    SUPERGRAPH_FILE: '',
  };
  const start = async (name: string, entry: string, extra: NodeJS.ProcessEnv) => {
    const service = await startServiceProcess({
      name: `${name} (policy off)`,
      entry,
      env: { ...env, AUDIT_LOG_ID: `${name}-policy-off`, ...extra },
      logFile: path.join(logDir(bench.home), `${name}-policy-off.log`),
      readyTimeoutMs: 90_000,
    });
    started.push(service);
    return service;
  };
  try {
    const identity = await start('identity', 'subgraphs/identity/index.ts', { PORT: '0' });
    const vendor = { PORT: '0', IDENTITY_URL: identity.url };
    const [fhir, hl7, wearables] = await Promise.all([
      start('ehr-fhir', 'subgraphs/ehr-fhir/index.ts', vendor),
      start('ehr-hl7v2', 'subgraphs/ehr-hl7v2/index.ts', { ...vendor, MLLP_PORT: '0' }),
      start('wearables', 'subgraphs/wearables/index.ts', vendor),
    ]);
    const urls = { identity, 'ehr-fhir': fhir, 'ehr-hl7v2': hl7, wearables };
    const gateway = await start('gateway', 'gateway/main.ts', {
      GATEWAY_PORT: '0',
      GATEWAY_ASSERTION_PRIVATE_KEY: bench.secrets.assertionPrivateKeyPem,
      SUBGRAPHS: Object.entries(urls)
        .map(([name, service]) => `${name}=${service.url}/graphql`)
        .join(','),
    });
    log('  policy-off gateway and subgraphs up (CONSENT_ENFORCEMENT=off, same stores)');
    return {
      gatewayUrl: gateway.url,
      processes: findProcesses(bench.home, 'off'),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
