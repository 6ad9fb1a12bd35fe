import path from 'node:path';
import { stateDir } from '../../subgraphs/shared/config/project-paths';

export type SubgraphName = 'identity' | 'ehr-fhir' | 'ehr-hl7v2' | 'wearables';
export const SUBGRAPHS: readonly SubgraphName[] = [
  'identity',
  'ehr-fhir',
  'ehr-hl7v2',
  'wearables',
];

export interface StackPorts {
  gateway: number;
  identity: number;
  'ehr-fhir': number;
  'ehr-hl7v2': number;
  mllp: number;
  wearables: number;
  /** Local anvil; unused when an external chain is configured. */
  chain: number;
}

export const DEFAULT_PORTS: StackPorts = {
  gateway: 4000,
  identity: 4001,
  'ehr-fhir': 4002,
  'ehr-hl7v2': 4003,
  mllp: 2575,
  wearables: 4004,
  chain: 8545,
};

/** All ports 0: every process picks a free one (tests, several stacks at once). */
export const EPHEMERAL_PORTS: StackPorts = {
  gateway: 0,
  identity: 0,
  'ehr-fhir': 0,
  'ehr-hl7v2': 0,
  mllp: 0,
  wearables: 0,
  chain: 0,
};

export interface SeedOptions {
  seed: number;
  size: number;
  wearableDays: number;
  asOf: Date;
}

export interface StackOptions {
  /** State folder: databases, chain deployment, generated seed, logs. */
  home: string;
  host: string;
  ports: StackPorts;
  /** An external EVM JSON-RPC URL; when absent a local anvil is started. */
  chainRpcUrl?: string;
  /** Seed the stores with a synthetic population on first start (false: leave them empty). */
  seed: SeedOptions | false;
  logLevel: string;
  /** Database URL per subgraph store; default: SQLite files in `home/data`. */
  databaseUrls: Partial<Record<SubgraphName, string>>;
  /** The audit log store shared by all subgraphs; default: SQLite in `home/data`. */
  auditDatabaseUrl?: string;
  /** Node flags for the gateway process (tests preload a network recorder). */
  gatewayExecArgv?: string[];
  /** Extra environment for every child process. */
  env?: NodeJS.ProcessEnv;
  onProgress?: (message: string) => void;
}

export function logDir(home: string): string {
  return path.join(home, 'logs');
}

export function seedDir(home: string): string {
  return path.join(home, 'seed');
}

/** Stack options from the environment, as `npm start` / `patientgraph start` use them. */
export function stackOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): StackOptions {
  const int = (name: string, fallback: number) => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > 65535)
      throw new Error(`${name} must be a port number`);
    return n;
  };
  const databaseUrls: Partial<Record<SubgraphName, string>> = {};
  const shared = env.DATABASE_URL;
  let auditDatabaseUrl = env.AUDIT_DATABASE_URL;
  if (!auditDatabaseUrl && shared?.startsWith('postgres')) {
    const url = new URL(shared);
    url.searchParams.set('schema', 'audit');
    auditDatabaseUrl = url.toString();
  }
  for (const name of SUBGRAPHS) {
    const own = env[`${name.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`];
    if (own) databaseUrls[name] = own;
    else if (shared?.startsWith('postgres')) {
      // One PostgreSQL database, one schema per store.
      const url = new URL(shared);
      url.searchParams.set('schema', name.replace(/-/g, '_'));
      databaseUrls[name] = url.toString();
    }
  }
  return {
    home: stateDir(env),
    host: env.HOST ?? '127.0.0.1',
    ports: {
      gateway: int('GATEWAY_PORT', DEFAULT_PORTS.gateway),
      identity: int('IDENTITY_PORT', DEFAULT_PORTS.identity),
      'ehr-fhir': int('EHR_FHIR_PORT', DEFAULT_PORTS['ehr-fhir']),
      'ehr-hl7v2': int('EHR_HL7V2_PORT', DEFAULT_PORTS['ehr-hl7v2']),
      mllp: int('MLLP_PORT', DEFAULT_PORTS.mllp),
      wearables: int('WEARABLES_PORT', DEFAULT_PORTS.wearables),
      chain: int('CHAIN_PORT', DEFAULT_PORTS.chain),
    },
    chainRpcUrl: env.CHAIN_RPC_URL || undefined,
    seed:
      env.SEED === 'false'
        ? false
        : {
            seed: Number(env.SEED ?? 20261125),
            size: Number(env.SEED_SIZE ?? 12),
            wearableDays: Number(env.SEED_WEARABLE_DAYS ?? 7),
            asOf: new Date(new Date().toISOString().slice(0, 10)),
          },
    logLevel: env.LOG_LEVEL ?? 'info',
    databaseUrls,
    auditDatabaseUrl,
  };
}
