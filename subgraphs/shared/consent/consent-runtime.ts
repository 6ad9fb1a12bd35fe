import { ConsentRegistry } from '../../../contracts/consent-registry';
import { readDeployment } from '../../../contracts/deploy';
import { openAccessLogReader, type AccessLogReader } from '../audit/access-log-reader';
import type { AuditLog } from '../audit/audit-log';
import type { AuditStore } from '../audit/audit-store';
import { openAuditTrail, type AuditTrail } from '../audit/audit-trail';
import type { ConsentConfig } from '../config/consent-config';
import type { AuditCustody } from '../identity-assertion';
import type { Logger } from '../logger';
import type { Requester } from '../requester';
import { ConsentCache } from './consent-cache';
import { ConsentEventFollower } from './consent-event-follower';
import { ChainConsentChecker } from './chain-consent-checker';
import { warnWhenConsentUnenforced } from './consent-enforcement';
import type { ConsentChecker } from './consent-question';
import { RequestConsent } from './request-consent';

/** Everything a subgraph needs for consent: a checker, the audit log, per-request state. */
export interface ConsentRuntime {
  checker: ConsentChecker;
  auditLog: AuditLog;
  auditStore: AuditStore;
  /** Every process's audit entries about a patient (the patient's access log). */
  accessLog: AccessLogReader;
  registry: ConsentRegistry;
  chainId: number;
  /** A request's consent state; `custody: gateway` when the gateway commits its audit entries. */
  forRequest(requester: Requester, requestId: string, custody?: AuditCustody): RequestConsent;
  close(): Promise<void>;
}

/**
 * Connects a subgraph to the consent registry (read-only) and its audit chain. It
 * starts even when the chain is down: every sensitive answer is then
 * CONSENT_UNAVAILABLE until the chain answers again (fail closed, stay up).
 */
export async function startConsentRuntime(
  config: ConsentConfig,
  logger: Logger,
): Promise<ConsentRuntime> {
  const enforced = !warnWhenConsentUnenforced(config, logger);
  const deployment = readDeployment(config.deploymentFile);
  const { registry, provider } = ConsentRegistry.connect({
    rpcUrl: config.chainRpcUrl,
    address: deployment.address,
  });
  const cache = new ConsentCache({
    maxEntries: config.consentCacheMaxEntries,
    // A read that began before an event can land until it times out: remember the
    // event's block well past that.
    changeGuardMs: Math.max(60_000, 2 * config.consentRpcTimeoutMs),
  });
  const follower = new ConsentEventFollower({
    provider,
    registryAddress: deployment.address,
    cache,
    logger,
    pollIntervalMs: config.consentPollIntervalMs,
    staleAfterMs: config.consentStaleAfterMs,
    rpcTimeoutMs: config.consentRpcTimeoutMs,
  });
  await follower.start();
  const checker = new ChainConsentChecker(
    registry,
    cache,
    follower,
    logger,
    config.consentRpcTimeoutMs,
  );

  let trail: AuditTrail;
  try {
    trail = await openAuditTrail(config, logger);
  } catch (error) {
    follower.stop();
    provider.destroy();
    throw error;
  }
  const { auditLog, auditStore } = trail;
  const accessLog = openAccessLogReader(config.auditDatabaseUrl, {
    url: trail.auditUrl,
    store: auditStore,
  });
  const sink = (
    requester: Requester,
    requestId: string,
    records: Parameters<AuditLog['append']>[2],
  ) => auditLog.append(requester, requestId, records);
  return {
    checker,
    auditLog,
    auditStore,
    accessLog,
    registry,
    chainId: deployment.chainId,
    forRequest: (requester, requestId, custody) =>
      new RequestConsent(requester, requestId, checker, sink, enforced, custody),
    async close() {
      follower.stop();
      provider.destroy();
      accessLog.close();
      await trail.close();
    },
  };
}
