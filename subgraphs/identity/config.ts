import { devRelayerWallet } from '../../contracts/dev-accounts';
import { isProduction } from '../shared/config/dev-secrets';
import { EnvReader } from '../shared/config/env-reader';
import { readSubgraphBaseConfig, type SubgraphBaseConfig } from '../shared/config/subgraph-config';
import { readMatchConfig, type MatchConfig } from './matching/match-config';

export interface IdentityConfig extends SubgraphBaseConfig {
  migrateOnStart: boolean;
  /** Demographic matching thresholds (auto-link, review). */
  match: MatchConfig;
  /** Pays for patient-signed consent changes; absent = the consent mutations are unavailable. */
  relayerPrivateKey?: string;
}

let loaded: Readonly<IdentityConfig> | undefined;

export function loadIdentityConfig(raw: NodeJS.ProcessEnv = process.env): Readonly<IdentityConfig> {
  const env = new EnvReader('identity', raw);
  const base = readSubgraphBaseConfig(env, 'identity', { port: 4001, store: 'identity' }, raw);
  loaded = env.done({
    ...base,
    migrateOnStart: env.boolean('MIGRATE_ON_START', true),
    match: readMatchConfig(env),
    // The anvil dev relayer key is public: a default for development chains only.
    relayerPrivateKey:
      env.optionalString('RELAYER_PRIVATE_KEY') ??
      (isProduction(raw) ? undefined : devRelayerWallet().privateKey),
  });
  return loaded;
}

export function getIdentityConfig(): Readonly<IdentityConfig> {
  if (!loaded) throw new Error('identity config not loaded: call loadIdentityConfig() first');
  return loaded;
}
