import { ConsentRegistry } from '../../../contracts/consent-registry';
import { readDeployment } from '../../../contracts/deploy';
import { AuditAnchorer } from '../audit/audit-anchor';
import { AuditLog } from '../audit/audit-log';
import { auditUrlFor, isPerLogPattern } from '../audit/audit-locations';
import { openAccessLogReader, type AccessLogReader } from '../audit/access-log-reader';
import { openAuditStore, type AuditStore } from '../audit/audit-store';
import { openAuditRowWriter } from '../audit/audit-writer';
import type { ConsentConfig } from '../config/consent-config';
import type { Logger } from '../logger';
import type { Requester } from '../requester';
import { migrateDatabase } from '../store/migrate';
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
  forRequest(requester: Requester, requestId: string): RequestConsent;
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
  const cache = new ConsentCache();
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

  const auditUrl = auditUrlFor(config.auditDatabaseUrl, config.auditLogId);
  await migrateDatabase('audit', auditUrl);
  const auditStore = await openAuditStore(auditUrl);
  const auditWriter = openAuditRowWriter(auditUrl, auditStore, {
    synchronous: config.auditSynchronous,
    ownFile: isPerLogPattern(config.auditDatabaseUrl),
  });
  const accessLog = openAccessLogReader(config.auditDatabaseUrl, {
    url: auditUrl,
    store: auditStore,
  });
  const auditLog = await AuditLog.open(auditStore, auditWriter, config.auditLogId, logger);
  let anchorer: AuditAnchorer | undefined;
  let anchorProvider: { destroy(): void } | undefined;
  if (config.auditAnchorPrivateKey) {
    const anchoring = ConsentRegistry.connect({
      rpcUrl: config.chainRpcUrl,
      address: deployment.address,
      chainId: deployment.chainId,
      privateKey: config.auditAnchorPrivateKey,
    });
    anchorProvider = anchoring.provider;
    anchorer = new AuditAnchorer(
      auditLog,
      anchoring.registry,
      logger,
      config.auditAnchorIntervalMs,
    );
    anchorer.start();
  }
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
    forRequest: (requester, requestId) =>
      new RequestConsent(requester, requestId, checker, sink, enforced),
    async close() {
      follower.stop();
      await anchorer?.stop();
      anchorProvider?.destroy();
      provider.destroy();
      accessLog.close();
      await auditWriter.close();
      await auditStore.$disconnect();
    },
  };
}
