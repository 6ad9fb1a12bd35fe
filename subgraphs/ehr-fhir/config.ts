import { VENDOR_SYSTEMS } from '../../generator/vendor-systems';
import { EnvReader } from '../shared/config/env-reader';
import { readSubgraphBaseConfig, type SubgraphBaseConfig } from '../shared/config/subgraph-config';

export interface EhrFhirConfig extends SubgraphBaseConfig {
  /** Base URL of the EHR's FHIR API: source system of records, and its Patient id system. */
  fhirBaseUrl: string;
  /** The identity service that links this EHR's patients to global patients. */
  identityUrl: string;
  migrateOnStart: boolean;
  /** How often pending patient links are retried. */
  linkRetryIntervalMs: number;
  /** Largest JSON body accepted at POST /fhir (NDJSON is streamed and has no limit). */
  maxBundleBytes: number;
}

let loaded: Readonly<EhrFhirConfig> | undefined;

export function loadEhrFhirConfig(raw: NodeJS.ProcessEnv = process.env): Readonly<EhrFhirConfig> {
  const env = new EnvReader('ehr-fhir', raw);
  const base = readSubgraphBaseConfig(env, 'ehr-fhir', { port: 4002, store: 'ehr-fhir' }, raw);
  loaded = env.done({
    ...base,
    fhirBaseUrl: env.url('FHIR_BASE_URL', VENDOR_SYSTEMS.ehrFhirBase).replace(/\/+$/, ''),
    identityUrl: env.url('IDENTITY_URL', 'http://127.0.0.1:4001'),
    migrateOnStart: env.boolean('MIGRATE_ON_START', true),
    linkRetryIntervalMs: env.int('LINK_RETRY_INTERVAL_MS', 5_000, { min: 100 }),
    maxBundleBytes: env.int('FHIR_MAX_BUNDLE_BYTES', 100 * 1024 * 1024, { min: 1024 }),
  });
  return loaded;
}

export function getEhrFhirConfig(): Readonly<EhrFhirConfig> {
  if (!loaded) throw new Error('ehr-fhir config not loaded: call loadEhrFhirConfig() first');
  return loaded;
}
