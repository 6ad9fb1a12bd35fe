import type { KeyObject } from 'node:crypto';
import { loadPublicKey } from '../identity-assertion';
import { readConsentConfig, type ConsentConfig } from './consent-config';
import { decodePem, isProduction, loadOrCreateDevSecrets } from './dev-secrets';
import type { EnvReader } from './env-reader';
import { defaultDatabaseUrl } from './project-paths';

/** What every subgraph process is configured with, whatever its vendor. */
export interface SubgraphBaseConfig {
  name: string;
  host: string;
  port: number;
  databaseUrl: string;
  assertionPublicKey: KeyObject;
  serviceToken: string;
  logLevel: string;
  /** The consent registry and the audit log every subgraph's policy layer uses. */
  consent: ConsentConfig;
}

/**
 * Reads the settings shared by all subgraphs. Keys and tokens come from the
 * environment (GATEWAY_ASSERTION_PUBLIC_KEY, SERVICE_TOKEN); outside production a
 * missing one falls back to the stack's generated development secrets.
 */
export function readSubgraphBaseConfig(
  env: EnvReader,
  name: string,
  defaults: { port: number; store: string },
  raw: NodeJS.ProcessEnv = process.env,
): SubgraphBaseConfig {
  const publicKeyPem = env.optionalString('GATEWAY_ASSERTION_PUBLIC_KEY');
  const serviceToken = env.optionalString('SERVICE_TOKEN');
  let dev: ReturnType<typeof loadOrCreateDevSecrets> | undefined;
  if ((!publicKeyPem || !serviceToken) && !isProduction(raw)) dev = loadOrCreateDevSecrets(raw);
  if (!publicKeyPem && !dev) env.problem('GATEWAY_ASSERTION_PUBLIC_KEY is required in production');
  if (!serviceToken && !dev) env.problem('SERVICE_TOKEN is required in production');
  let assertionPublicKey: KeyObject | undefined;
  try {
    const pem = publicKeyPem ? decodePem(publicKeyPem) : dev?.assertionPublicKeyPem;
    if (pem) assertionPublicKey = loadPublicKey(pem);
  } catch (error) {
    env.problem(
      `GATEWAY_ASSERTION_PUBLIC_KEY is not an Ed25519 public key: ${(error as Error).message}`,
    );
  }
  return {
    name,
    host: env.string('HOST', '127.0.0.1'),
    port: env.int('PORT', defaults.port, { min: 0, max: 65535 }),
    databaseUrl: env.string('DATABASE_URL', defaultDatabaseUrl(defaults.store, raw)),
    assertionPublicKey: assertionPublicKey as KeyObject,
    serviceToken: serviceToken ?? dev?.serviceToken ?? '',
    logLevel: env.string('LOG_LEVEL', 'info'),
    consent: readConsentConfig(env, name, raw),
  };
}
