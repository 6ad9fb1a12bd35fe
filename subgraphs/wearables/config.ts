import { EnvReader } from '../shared/config/env-reader';
import { readSubgraphBaseConfig, type SubgraphBaseConfig } from '../shared/config/subgraph-config';

export interface WearablesConfig extends SubgraphBaseConfig {
  migrateOnStart: boolean;
  /** Base URL of the identity subgraph (POST /links). */
  identityUrl: string;
  /** How often pending device links are retried, and the backoff bounds per account. */
  linkRetryIntervalMs: number;
  linkRetryBaseMs: number;
  linkRetryMaxMs: number;
  /** Largest ingest body accepted (a year of 5-minute CGM readings is ~26 MB of JSON). */
  ingestMaxBytes: number;
}

let loaded: Readonly<WearablesConfig> | undefined;

export function loadWearablesConfig(
  raw: NodeJS.ProcessEnv = process.env,
): Readonly<WearablesConfig> {
  const env = new EnvReader('wearables', raw);
  const base = readSubgraphBaseConfig(env, 'wearables', { port: 4004, store: 'wearables' }, raw);
  loaded = env.done({
    ...base,
    migrateOnStart: env.boolean('MIGRATE_ON_START', true),
    identityUrl: env.url('IDENTITY_URL', 'http://127.0.0.1:4001'),
    linkRetryIntervalMs: env.int('LINK_RETRY_INTERVAL_MS', 10_000, { min: 10 }),
    linkRetryBaseMs: env.int('LINK_RETRY_BASE_MS', 10_000, { min: 0 }),
    linkRetryMaxMs: env.int('LINK_RETRY_MAX_MS', 900_000, { min: 0 }),
    ingestMaxBytes: env.int('INGEST_MAX_BYTES', 64 * 1024 * 1024, { min: 1024 }),
  });
  return loaded;
}

export function getWearablesConfig(): Readonly<WearablesConfig> {
  if (!loaded) throw new Error('wearables config not loaded: call loadWearablesConfig() first');
  return loaded;
}
