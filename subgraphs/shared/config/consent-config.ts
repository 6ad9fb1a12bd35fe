import { devAuditAnchorerWallet } from '../../../contracts/dev-accounts';
import { isProduction } from './dev-secrets';
import type { EnvReader } from './env-reader';
import { auditUrlProblem } from '../audit/audit-locations';
import { chainDeploymentFile, defaultAuditDatabaseUrl } from './project-paths';

/**
 * `off` resolves sensitive fields with no consent check and no audit entry. It exists
 * only to measure what the policy layer costs (bench/): refused at boot in production.
 */
export type ConsentEnforcement = 'on' | 'off';

export type AuditSynchronous = 'full' | 'normal';

/** How a subgraph reaches the consent registry and writes its audit log. */
export interface ConsentConfig {
  chainRpcUrl: string;
  deploymentFile: string;
  /** The audit store, or with `{logId}` in a SQLite file name one per log (audit-locations.ts). */
  auditDatabaseUrl: string;
  /**
   * How durable an audit commit is before the response leaves (SQLite stores):
   * `full` (default) syncs it to disk; `normal` hands it to the operating system,
   * which survives a crash of the process but not of the machine or its power.
   */
  auditSynchronous?: AuditSynchronous;
  /** Name of this process's audit hash chain; unique per running process. */
  auditLogId: string;
  /** Key allowed to anchor audit heads; absent = no anchoring from this process. */
  auditAnchorPrivateKey?: string;
  auditAnchorIntervalMs: number;
  consentPollIntervalMs: number;
  consentStaleAfterMs: number;
  consentRpcTimeoutMs: number;
  /** CONSENT_ENFORCEMENT; absent means `on`. */
  enforcement?: ConsentEnforcement;
}

export function readConsentConfig(
  env: EnvReader,
  subgraph: string,
  raw: NodeJS.ProcessEnv = process.env,
): ConsentConfig {
  const anchorKey = env.optionalString('AUDIT_ANCHOR_PRIVATE_KEY');
  const auditLogId = env.string('AUDIT_LOG_ID', subgraph);
  const auditDatabaseUrl = env.string('AUDIT_DATABASE_URL', defaultAuditDatabaseUrl(raw));
  const auditProblem = auditDatabaseUrl ? auditUrlProblem(auditDatabaseUrl, auditLogId) : undefined;
  if (auditProblem) env.problem(auditProblem);
  const enforcement = env.oneOf('CONSENT_ENFORCEMENT', ['on', 'off'] as const, 'on');
  if (enforcement === 'off' && isProduction(raw)) {
    env.problem(
      'CONSENT_ENFORCEMENT=off is refused when NODE_ENV=production: sensitive fields would resolve without consent checks or audit',
    );
  }
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
    consentPollIntervalMs: env.int('CONSENT_POLL_INTERVAL_MS', 250, { min: 50 }),
    consentStaleAfterMs: env.int('CONSENT_STALE_AFTER_MS', 3_000, { min: 100 }),
    consentRpcTimeoutMs: env.int('CONSENT_RPC_TIMEOUT_MS', 2_000, { min: 100 }),
    enforcement,
  };
}
