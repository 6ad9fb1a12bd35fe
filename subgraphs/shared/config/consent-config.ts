import { devAuditAnchorerWallet } from '../../../contracts/dev-accounts';
import { isProduction } from './dev-secrets';
import type { EnvReader } from './env-reader';
import { auditUrlProblem } from '../audit/audit-locations';
import { DEFAULT_CONSENT_CACHE_ENTRIES } from '../consent/consent-cache';
import type { AuditTrailConfig } from '../audit/audit-trail';
import { chainDeploymentFile, defaultAuditDatabaseUrl } from './project-paths';

/**
 * `off` resolves sensitive fields with no consent check and no audit entry. It exists
 * only to measure what the policy layer costs (bench/): refused at boot in production.
 */
export type ConsentEnforcement = 'on' | 'off';

export type AuditSynchronous = 'full' | 'normal';

/** How a subgraph reaches the consent registry and writes its audit log. */
export interface ConsentConfig extends AuditTrailConfig {
  consentPollIntervalMs: number;
  consentStaleAfterMs: number;
  consentRpcTimeoutMs: number;
  /** CONSENT_CACHE_MAX_ENTRIES: the most consent answers kept (consent-cache.ts). */
  consentCacheMaxEntries?: number;
  /** CONSENT_ENFORCEMENT; absent means `on`. */
  enforcement?: ConsentEnforcement;
}

/**
 * Where a process keeps its audit chain and how it anchors it (AUDIT_* and the
 * chain's CHAIN_*): every subgraph, and the gateway for the queries it audits.
 */
export function readAuditTrailConfig(
  env: EnvReader,
  defaultLogId: string,
  raw: NodeJS.ProcessEnv = process.env,
): AuditTrailConfig {
  const anchorKey = env.optionalString('AUDIT_ANCHOR_PRIVATE_KEY');
  const auditLogId = env.string('AUDIT_LOG_ID', defaultLogId);
  const auditDatabaseUrl = env.string('AUDIT_DATABASE_URL', defaultAuditDatabaseUrl(raw));
  const auditProblem = auditDatabaseUrl ? auditUrlProblem(auditDatabaseUrl, auditLogId) : undefined;
  if (auditProblem) env.problem(auditProblem);
  return {
    chainRpcUrl: env.url('CHAIN_RPC_URL', 'http://127.0.0.1:8545'),
    deploymentFile: env.string('CHAIN_DEPLOYMENT_FILE', chainDeploymentFile(raw)),
    auditDatabaseUrl,
    auditSynchronous: env.oneOf('AUDIT_SYNCHRONOUS', ['full', 'normal'] as const, 'full'),
    auditLogId,
    // The anvil dev keys are public; they are only a default on development chains.
    // One dev anchorer per audit log, so processes never race for one nonce.
    auditAnchorPrivateKey:
      anchorKey ?? (isProduction(raw) ? undefined : devAuditAnchorerWallet(auditLogId).privateKey),
    auditAnchorIntervalMs: env.int('AUDIT_ANCHOR_INTERVAL_MS', 15_000, { min: 100 }),
  };
}

export function readConsentConfig(
  env: EnvReader,
  subgraph: string,
  raw: NodeJS.ProcessEnv = process.env,
): ConsentConfig {
  const trail = readAuditTrailConfig(env, subgraph, raw);
  const enforcement = env.oneOf('CONSENT_ENFORCEMENT', ['on', 'off'] as const, 'on');
  if (enforcement === 'off' && isProduction(raw)) {
    env.problem(
      'CONSENT_ENFORCEMENT=off is refused when NODE_ENV=production: sensitive fields would resolve without consent checks or audit',
    );
  }
  return {
    ...trail,
    consentPollIntervalMs: env.int('CONSENT_POLL_INTERVAL_MS', 250, { min: 50 }),
    consentStaleAfterMs: env.int('CONSENT_STALE_AFTER_MS', 3_000, { min: 100 }),
    consentRpcTimeoutMs: env.int('CONSENT_RPC_TIMEOUT_MS', 2_000, { min: 100 }),
    consentCacheMaxEntries: env.int('CONSENT_CACHE_MAX_ENTRIES', DEFAULT_CONSENT_CACHE_ENTRIES, {
      min: 1_000,
    }),
    enforcement,
  };
}
