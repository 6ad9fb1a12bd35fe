import { ConsentRegistry } from '../../../contracts/consent-registry';
import { DeploymentFileError, readDeployment, type Deployment } from '../../../contracts/deploy';
import type { AuditSynchronous } from '../config/consent-config';
import type { Logger } from '../logger';
import { migrateDatabase } from '../store/migrate';
import { AuditAnchorer } from './audit-anchor';
import { auditUrlFor, isPerLogPattern } from './audit-locations';
import { AuditLog } from './audit-log';
import { openAuditStore, type AuditStore } from './audit-store';
import { openAuditRowWriter } from './audit-writer';

/** Where one process keeps its audit chain, and how its head is anchored on chain. */
export interface AuditTrailConfig {
  /** The audit store, or with `{logId}` in a SQLite file name one per log (audit-locations.ts). */
  auditDatabaseUrl: string;
  auditSynchronous?: AuditSynchronous;
  /** Name of this process's hash chain; unique per running process. */
  auditLogId: string;
  /** Key allowed to anchor audit heads; absent = no anchoring from this process. */
  auditAnchorPrivateKey?: string;
  auditAnchorIntervalMs: number;
  chainRpcUrl: string;
  deploymentFile: string;
}

/** One process's audit chain: its log (appends), its store (reads) and their closing. */
export interface AuditTrail {
  auditLog: AuditLog;
  auditStore: AuditStore;
  /** The store of this process's chain (AUDIT_DATABASE_URL with `{logId}` filled in). */
  auditUrl: string;
  close(): Promise<void>;
}

/**
 * Opens this process's audit chain: migrates its store, continues the chain from
 * its last entry, and (with an anchor key) anchors the head on chain while open.
 * Used by every subgraph's consent runtime and by the gateway, which commits the
 * decisions of the federated queries it answers.
 */
export async function openAuditTrail(
  config: AuditTrailConfig,
  logger: Logger,
  options: {
    /**
     * Whether a missing or unreadable chain deployment fails the opening (a
     * subgraph cannot run without the registry anyway) or leaves the chain
     * unanchored with a warning (the gateway, which needs no chain otherwise).
     */
    anchoring?: 'required' | 'when-deployed';
  } = {},
): Promise<AuditTrail> {
  const auditUrl = auditUrlFor(config.auditDatabaseUrl, config.auditLogId);
  await migrateDatabase('audit', auditUrl);
  const auditStore = await openAuditStore(auditUrl);
  const writer = openAuditRowWriter(auditUrl, auditStore, {
    synchronous: config.auditSynchronous,
    ownFile: isPerLogPattern(config.auditDatabaseUrl),
  });
  let anchorer: AuditAnchorer | undefined;
  let anchorProvider: { destroy(): void } | undefined;
  try {
    const auditLog = await AuditLog.open(auditStore, writer, config.auditLogId, logger);
    const deployment = config.auditAnchorPrivateKey
      ? readAnchoringDeployment(config, logger, options.anchoring ?? 'required')
      : undefined;
    if (config.auditAnchorPrivateKey && deployment) {
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
    return {
      auditLog,
      auditStore,
      auditUrl,
      async close() {
        await anchorer?.stop();
        anchorProvider?.destroy();
        await writer.close();
        await auditStore.$disconnect();
      },
    };
  } catch (error) {
    anchorProvider?.destroy();
    await writer.close();
    await auditStore.$disconnect();
    throw error;
  }
}

function readAnchoringDeployment(
  config: AuditTrailConfig,
  logger: Logger,
  anchoring: 'required' | 'when-deployed',
): Deployment | undefined {
  try {
    return readDeployment(config.deploymentFile);
  } catch (error) {
    if (anchoring === 'required' || !(error instanceof DeploymentFileError)) throw error;
    logger.warn(
      { logId: config.auditLogId, reason: error.message },
      'audit chain not anchored: no consent registry deployment to anchor it on',
    );
    return undefined;
  }
}
