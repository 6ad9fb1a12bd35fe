import { EnvReader } from '../shared/config/env-reader';
import { readSubgraphBaseConfig, type SubgraphBaseConfig } from '../shared/config/subgraph-config';

export interface IdentityConfig extends SubgraphBaseConfig {
  migrateOnStart: boolean;
}

let loaded: Readonly<IdentityConfig> | undefined;

export function loadIdentityConfig(raw: NodeJS.ProcessEnv = process.env): Readonly<IdentityConfig> {
  const env = new EnvReader('identity', raw);
  const base = readSubgraphBaseConfig(env, 'identity', { port: 4001, store: 'identity' }, raw);
  loaded = env.done({ ...base, migrateOnStart: env.boolean('MIGRATE_ON_START', true) });
  return loaded;
}

export function getIdentityConfig(): Readonly<IdentityConfig> {
  if (!loaded) throw new Error('identity config not loaded: call loadIdentityConfig() first');
  return loaded;
}
