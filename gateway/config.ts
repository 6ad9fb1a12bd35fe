import type { KeyObject } from 'node:crypto';
import {
  decodePem,
  isProduction,
  loadOrCreateDevSecrets,
} from '../subgraphs/shared/config/dev-secrets';
import type { AuditTrailConfig } from '../subgraphs/shared/audit/audit-trail';
import { readAuditTrailConfig } from '../subgraphs/shared/config/consent-config';
import { EnvReader } from '../subgraphs/shared/config/env-reader';
import { loadPrivateKey } from '../subgraphs/shared/identity-assertion';
import type { TokenVerification } from './auth/authenticate';
import { readTokenVerification } from './auth/token-config';
import { readLimitsConfig, type GatewayLimitsConfig } from './limits/limits-config';
import { readOperationsConfig, type OperationsConfig } from './observability/operations-config';
import { readSupergraphWatchConfig, type SupergraphWatchConfig } from './supergraph/watch-config';

export interface SubgraphEndpoint {
  name: string;
  url: string;
}

export interface GatewayConfig {
  host: string;
  port: number;
  /** Subgraphs to compose at start (ignored when a supergraph file is given). */
  subgraphs: SubgraphEndpoint[];
  /** A composed Federation 2 supergraph to serve instead of composing from `subgraphs`. */
  supergraphFile?: string;
  /** How changes to `supergraphFile` are picked up (default: watched, see watch-config.ts). */
  supergraphWatch?: SupergraphWatchConfig;
  assertionPrivateKey: KeyObject;
  logLevel: string;
  /** Per subgraph call. */
  subgraphTimeoutMs: number;
  production: boolean;
  tokens: TokenVerification;
  /** Abuse limits, rate limit and persisted queries (gateway/limits/limits-config.ts). */
  limits: GatewayLimitsConfig;
  /** Readiness, graceful shutdown and /metrics access (observability/operations-config.ts). */
  operations: OperationsConfig;
  /**
   * The gateway's audit chain (GATEWAY_AUDIT=on, the default): the gateway commits
   * the consent decisions the subgraphs report for the queries it answers, once per
   * query, before answering. Absent: each subgraph commits its own before it answers.
   */
  audit?: AuditTrailConfig;
}

let loaded: Readonly<GatewayConfig> | undefined;

/** `SUBGRAPHS=identity=http://127.0.0.1:4001/graphql,ehr-fhir=http://...` */
export function parseSubgraphList(value: string): {
  endpoints: SubgraphEndpoint[];
  problems: string[];
} {
  const endpoints: SubgraphEndpoint[] = [];
  const problems: string[] = [];
  for (const entry of value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const index = entry.indexOf('=');
    const name = entry.slice(0, index);
    const url = entry.slice(index + 1);
    if (index < 1 || !/^[a-z][a-z0-9-]*$/.test(name)) {
      problems.push(`SUBGRAPHS entry "${entry}" must be name=url with a lower-case name`);
      continue;
    }
    try {
      new URL(url);
    } catch {
      problems.push(`SUBGRAPHS entry "${name}" has an invalid URL`);
      continue;
    }
    if (endpoints.some((e) => e.name === name)) problems.push(`SUBGRAPHS names "${name}" twice`);
    endpoints.push({ name, url });
  }
  return { endpoints, problems };
}

export const DEFAULT_SUBGRAPHS =
  'identity=http://127.0.0.1:4001/graphql,ehr-fhir=http://127.0.0.1:4002/graphql,ehr-hl7v2=http://127.0.0.1:4003/graphql,wearables=http://127.0.0.1:4004/graphql';

export function loadGatewayConfig(raw: NodeJS.ProcessEnv = process.env): Readonly<GatewayConfig> {
  const env = new EnvReader('gateway', raw);
  const production = isProduction(raw);
  const { endpoints, problems } = parseSubgraphList(env.string('SUBGRAPHS', DEFAULT_SUBGRAPHS));
  problems.forEach((p) => env.problem(p));
  if (endpoints.length === 0 && !raw.SUPERGRAPH_FILE) env.problem('SUBGRAPHS lists no subgraph');
  let pem = env.optionalString('GATEWAY_ASSERTION_PRIVATE_KEY');
  if (!pem && production) env.problem('GATEWAY_ASSERTION_PRIVATE_KEY is required in production');
  if (!pem && !production) pem = loadOrCreateDevSecrets(raw).assertionPrivateKeyPem;
  let assertionPrivateKey: KeyObject | undefined;
  try {
    if (pem) assertionPrivateKey = loadPrivateKey(decodePem(pem));
  } catch (error) {
    env.problem(
      `GATEWAY_ASSERTION_PRIVATE_KEY is not an Ed25519 private key: ${(error as Error).message}`,
    );
  }
  // Caller tokens (TOKEN_*): see gateway/auth/token-config.ts.
  const tokens: TokenVerification = readTokenVerification(env, raw, production);
  const gatewayAudit = env.oneOf('GATEWAY_AUDIT', ['on', 'off'] as const, 'on');
  const audit = gatewayAudit === 'on' ? readAuditTrailConfig(env, 'gateway', raw) : undefined;
  loaded = env.done({
    supergraphFile: env.optionalString('SUPERGRAPH_FILE'),
    supergraphWatch: readSupergraphWatchConfig(env),
    host: env.string('HOST', '127.0.0.1'),
    port: env.int('GATEWAY_PORT', 4000, { min: 0, max: 65535 }),
    subgraphs: endpoints,
    assertionPrivateKey: assertionPrivateKey as KeyObject,
    logLevel: env.string('LOG_LEVEL', 'info'),
    subgraphTimeoutMs: env.int('SUBGRAPH_TIMEOUT_MS', 10_000, { min: 1 }),
    production,
    tokens,
    limits: readLimitsConfig(env),
    operations: readOperationsConfig(env, production),
    ...(audit ? { audit } : {}),
  });
  return loaded;
}

export function getGatewayConfig(): Readonly<GatewayConfig> {
  if (!loaded) throw new Error('gateway config not loaded: call loadGatewayConfig() first');
  return loaded;
}
