import fs from 'node:fs';
import path from 'node:path';
import { writeStackSupergraph } from '../../gateway/supergraph/stack-supergraph';
import { loadOrCreateDevSecrets } from '../../subgraphs/shared/config/dev-secrets';
import { startChain, type RunningChain } from './chain';
import { legacyAuditNotice } from './legacy-audit';
import { seedStack, type SeedReport } from './seed';
import { startServiceProcess, type ServiceProcess } from './service-process';
import { logDir, type StackOptions, type SubgraphName } from './stack-options';

export interface RunningStack {
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  mllp: { host: string; port: number };
  chain: RunningChain;
  seed: SeedReport | null;
  serviceToken: string;
  home: string;
  stop(): Promise<void>;
  /** Stops one process of the stack, the others keep running (tests: a subgraph going down). */
  stopService(name: SubgraphName | 'gateway'): Promise<void>;
}

const ENTRIES: Record<SubgraphName | 'gateway', string> = {
  identity: 'subgraphs/identity/index.ts',
  'ehr-fhir': 'subgraphs/ehr-fhir/index.ts',
  'ehr-hl7v2': 'subgraphs/ehr-hl7v2/index.ts',
  wearables: 'subgraphs/wearables/index.ts',
  gateway: 'gateway/main.ts',
};

/**
 * Brings up the whole PatientGraph stack, each part a real process: the chain
 * (local anvil with the consent registry, or a configured RPC URL), the four
 * subgraphs with their stores, the synthetic population ingested through each
 * vendor's own ingest path, and the gateway in front. `stop()` ends everything
 * it started, in reverse order; so does a failure half way.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const progress = options.onProgress ?? (() => undefined);
  fs.mkdirSync(options.home, { recursive: true });
  const started: { stop(): Promise<void> }[] = [];
  const services = new Map<string, { stop(): Promise<void> }>();
  const stopAll = async () => {
    for (const part of started.reverse()) await part.stop().catch(() => undefined);
  };
  try {
    const baseEnv: NodeJS.ProcessEnv = {
      ...process.env,
      ...options.env,
      PATIENTGRAPH_HOME: options.home,
    };
    const legacyAudit = legacyAuditNotice(
      options.home,
      options.auditDatabaseUrl ?? baseEnv.AUDIT_DATABASE_URL,
    );
    if (legacyAudit) progress(`note: ${legacyAudit}`);
    const secrets = {
      publicKey: baseEnv.GATEWAY_ASSERTION_PUBLIC_KEY,
      privateKey: baseEnv.GATEWAY_ASSERTION_PRIVATE_KEY,
      serviceToken: baseEnv.SERVICE_TOKEN,
    };
    if (!secrets.publicKey || !secrets.privateKey || !secrets.serviceToken) {
      const dev = loadOrCreateDevSecrets(baseEnv);
      secrets.publicKey ??= dev.assertionPublicKeyPem;
      secrets.privateKey ??= dev.assertionPrivateKeyPem;
      secrets.serviceToken ??= dev.serviceToken;
    }

    progress(
      options.chainRpcUrl
        ? `using chain at ${options.chainRpcUrl}`
        : 'starting local chain (anvil)',
    );
    const chain = await startChain({
      home: options.home,
      host: options.host,
      port: options.ports.chain,
      rpcUrl: options.chainRpcUrl,
    });
    started.push(chain);
    progress(`consent registry at ${chain.registryAddress} (chain ${chain.chainId})`);

    const common: NodeJS.ProcessEnv = {
      ...baseEnv,
      HOST: options.host,
      LOG_LEVEL: options.logLevel,
      GATEWAY_ASSERTION_PUBLIC_KEY: secrets.publicKey,
      SERVICE_TOKEN: secrets.serviceToken,
      CHAIN_RPC_URL: chain.rpcUrl,
      CHAIN_DEPLOYMENT_FILE: chain.deploymentFile,
      ...(options.auditDatabaseUrl ? { AUDIT_DATABASE_URL: options.auditDatabaseUrl } : {}),
    };
    const dbEnv = (name: SubgraphName) =>
      options.databaseUrls[name]
        ? { DATABASE_URL: options.databaseUrls[name] }
        : { DATABASE_URL: '' };
    const start = async (name: SubgraphName, env: NodeJS.ProcessEnv): Promise<ServiceProcess> => {
      const service = await startServiceProcess({
        name,
        entry: ENTRIES[name],
        env: { ...common, ...dbEnv(name), ...env },
        logFile: path.join(logDir(options.home), `${name}.log`),
      });
      started.push(service);
      services.set(name, service);
      progress(`${name} subgraph at ${service.url}/graphql`);
      return service;
    };

    const identity = await start('identity', { PORT: String(options.ports.identity) });
    const vendorEnv = { IDENTITY_URL: identity.url };
    const [ehrFhir, ehrHl7v2, wearables] = await Promise.all([
      start('ehr-fhir', { ...vendorEnv, PORT: String(options.ports['ehr-fhir']) }),
      start('ehr-hl7v2', {
        ...vendorEnv,
        PORT: String(options.ports['ehr-hl7v2']),
        MLLP_PORT: String(options.ports.mllp),
      }),
      start('wearables', { ...vendorEnv, PORT: String(options.ports.wearables) }),
    ]);
    const mllp = { host: options.host, port: Number(ehrHl7v2.extra.mllpPort) };
    const subgraphUrls: Record<SubgraphName, string> = {
      identity: identity.url,
      'ehr-fhir': ehrFhir.url,
      'ehr-hl7v2': ehrHl7v2.url,
      wearables: wearables.url,
    };

    const seed = options.seed
      ? await seedStack({
          home: options.home,
          seed: options.seed,
          subgraphUrls,
          mllp,
          serviceToken: secrets.serviceToken,
          chain: { rpcUrl: chain.rpcUrl, registryAddress: chain.registryAddress },
          onProgress: progress,
        })
      : null;

    // The gateway serves a supergraph file and follows it, so partner subgraphs
    // can be added to the running stack (`npx patientgraph subgraph add`).
    const supergraphFile = await writeStackSupergraph({
      home: options.home,
      subgraphs: Object.entries(subgraphUrls).map(([name, url]) => ({
        name,
        url: `${url}/graphql`,
      })),
      assertionPrivateKeyPem: secrets.privateKey,
      onProgress: progress,
    });
    const gateway = await startServiceProcess({
      name: 'gateway',
      entry: ENTRIES.gateway,
      env: {
        ...common,
        GATEWAY_PORT: String(options.ports.gateway),
        GATEWAY_ASSERTION_PRIVATE_KEY: secrets.privateKey,
        SUPERGRAPH_FILE: supergraphFile,
        SUBGRAPHS: Object.entries(subgraphUrls)
          .map(([name, url]) => `${name}=${url}/graphql`)
          .join(','),
      },
      logFile: path.join(logDir(options.home), 'gateway.log'),
      execArgv: options.gatewayExecArgv,
    });
    started.push(gateway);
    services.set('gateway', gateway);

    return {
      gatewayUrl: gateway.url,
      subgraphUrls,
      mllp,
      chain,
      seed,
      serviceToken: secrets.serviceToken,
      home: options.home,
      stop: stopAll,
      stopService: async (name) => services.get(name)?.stop(),
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
