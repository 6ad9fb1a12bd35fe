import type { Logger } from '../../shared/logger';
import { IdentityClient } from '../../shared/patient/identity-client';
import type { PatientLinkRequest } from '../../shared/patient/link-request';
import type { DatabaseProvider } from '../../shared/store/database-url';
import { RawSqlParams } from '../../shared/store/raw-sql-params';
import type { EhrFhirStore, EhrFhirTx } from '../store';

export interface LinkAttemptSummary {
  linked: number;
  pending: number;
}

/** How long to wait before retrying a link: doubling per failed attempt, capped at 10 minutes. */
export function retryDelayMs(attempts: number, baseMs = 5_000): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 10 * 60_000);
}

/**
 * Classifies a failed link: identity unreachable (network, timeout, 5xx) or refused
 * (4xx, e.g. 409 LINK_CONFLICT). Either way the link stays pending with the reason;
 * the reason holds codes only, never the request (it carries demographics).
 */
export function linkFailureReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const refused = /identity service refused link \((\d{3}) ([A-Z_]*)\)/.exec(message);
  if (refused) {
    const [, status, code] = refused;
    if (Number(status) >= 500) return `UNREACHABLE: identity answered ${status}`;
    return code ? `${code}: identity answered ${status}` : `REFUSED: identity answered ${status}`;
  }
  return 'UNREACHABLE: identity service did not answer';
}

/**
 * Records (in the ingest transaction) that these patients must be linked: a fresh
 * pending row per patient, whatever an earlier version's row said. One upsert on
 * Prisma's raw channel (see RawSqlParams).
 */
export async function enqueuePatientLinks(
  tx: EhrFhirTx,
  links: { patientId: string; request: PatientLinkRequest }[],
  now: Date,
  provider: DatabaseProvider = 'sqlite',
): Promise<void> {
  if (links.length === 0) return;
  const unique = new Map(links.map((l) => [l.patientId, l]));
  const params = new RawSqlParams(provider);
  const rows = [...unique.values()].map(
    (l) =>
      `(${params.add(l.patientId)}, 'pending', ${params.add(JSON.stringify(l.request))}, ` +
      `${params.add(now)}, 'NEW', 0, NULL, NULL, ${params.add(now)})`,
  );
  await tx.$executeRawUnsafe(
    'INSERT INTO "PatientLink" ("patientId", "status", "requestJson", "nextAttemptAt", "reason", ' +
      `"attempts", "globalPatientId", "decision", "updatedAt") VALUES ${rows.join(', ')} ` +
      'ON CONFLICT ("patientId") DO UPDATE SET "status" = excluded."status", ' +
      '"requestJson" = excluded."requestJson", "nextAttemptAt" = excluded."nextAttemptAt", ' +
      '"reason" = excluded."reason", "attempts" = 0, "globalPatientId" = NULL, "decision" = NULL, ' +
      '"updatedAt" = excluded."updatedAt"',
    ...params.values,
  );
}

interface LinkRow {
  patientId: string;
  status: string;
  requestJson: string;
  attempts: number;
}

/**
 * Delivers pending patient links to identity: right after an ingest for the patients
 * it stored, and periodically for whatever is still pending (identity was down, or
 * refused with a conflict that a person may since have resolved). A failure never
 * fails the ingest: the record is stored, its link waits here.
 */
export class PatientLinker {
  private readonly client: IdentityClient;
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  private retryBaseMs = 5_000;

  constructor(
    private readonly store: EhrFhirStore,
    identityUrl: string,
    serviceToken: string,
    private readonly logger: Logger,
    private readonly concurrency = 8,
    private readonly provider: DatabaseProvider = 'sqlite',
  ) {
    this.client = new IdentityClient(identityUrl, serviceToken);
  }

  /** Tries to link these patients now; returns how many are linked and still pending. */
  async deliver(patientIds: string[]): Promise<LinkAttemptSummary> {
    const summary: LinkAttemptSummary = { linked: 0, pending: 0 };
    const queue = [...new Set(patientIds)];
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        if (await this.attempt(id)) summary.linked++;
        else summary.pending++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, queue.length) }, worker));
    return summary;
  }

  /** The row as it stands, through Prisma's raw channel (see RawSqlParams). */
  private async linkRow(patientId: string): Promise<LinkRow | undefined> {
    const params = new RawSqlParams(this.provider);
    const [row] = await this.store.$queryRawUnsafe<LinkRow[]>(
      'SELECT "patientId", "status", "requestJson", "attempts" FROM "PatientLink" ' +
        `WHERE "patientId" = ${params.add(patientId)}`,
      ...params.values,
    );
    return row;
  }

  /** Updates the row only if no newer version of the patient re-queued it meanwhile. */
  private async updateRow(
    row: LinkRow,
    data: {
      status: string;
      reason: string;
      nextAttemptAt: Date;
      globalPatientId?: string | null;
      decision?: string;
    },
  ): Promise<void> {
    const params = new RawSqlParams(this.provider);
    const set = [
      `"status" = ${params.add(data.status)}`,
      `"reason" = ${params.add(data.reason)}`,
      `"attempts" = ${params.add(Number(row.attempts) + 1)}`,
      `"nextAttemptAt" = ${params.add(data.nextAttemptAt)}`,
      `"updatedAt" = ${params.add(new Date())}`,
    ];
    if (data.globalPatientId !== undefined) {
      set.push(
        data.globalPatientId === null
          ? '"globalPatientId" = NULL'
          : `"globalPatientId" = ${params.add(data.globalPatientId)}`,
      );
    }
    if (data.decision !== undefined) set.push(`"decision" = ${params.add(data.decision)}`);
    await this.store.$executeRawUnsafe(
      `UPDATE "PatientLink" SET ${set.join(', ')} WHERE "patientId" = ${params.add(row.patientId)} ` +
        `AND "requestJson" = ${params.add(row.requestJson)}`,
      ...params.values,
    );
  }

  private async attempt(patientId: string): Promise<boolean> {
    const row = await this.linkRow(patientId);
    if (!row) return false;
    if (row.status === 'linked') return true;
    const request = JSON.parse(row.requestJson) as PatientLinkRequest;
    try {
      const response = await this.client.link(request);
      await this.updateRow(row, {
        status: response.patientId ? 'linked' : 'pending',
        globalPatientId: response.patientId,
        decision: response.decision,
        reason: response.patientId ? response.reason : `REVIEW: ${response.reason}`,
        nextAttemptAt: new Date(
          Date.now() + retryDelayMs(Number(row.attempts) + 1, this.retryBaseMs),
        ),
      });
      return response.patientId !== null;
    } catch (error) {
      const reason = linkFailureReason(error);
      this.logger.warn({ patientLink: 'pending', reason }, 'patient link not delivered');
      await this.updateRow(row, {
        status: 'pending',
        reason,
        nextAttemptAt: new Date(
          Date.now() + retryDelayMs(Number(row.attempts) + 1, this.retryBaseMs),
        ),
      });
      return false;
    }
  }

  /** Retries every pending link that is due. */
  async retryDue(limit = 200): Promise<LinkAttemptSummary> {
    const due = await this.store.patientLink.findMany({
      where: { status: 'pending', nextAttemptAt: { lte: new Date() } },
      select: { patientId: true },
      orderBy: { nextAttemptAt: 'asc' },
      take: limit,
    });
    return this.deliver(due.map((d) => d.patientId));
  }

  start(intervalMs = 5_000): void {
    this.retryBaseMs = intervalMs;
    this.timer = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = this.retryDue()
        .then(() => undefined)
        .catch((error: unknown) =>
          this.logger.error({ err: { name: (error as Error)?.name } }, 'link retry sweep failed'),
        )
        .finally(() => {
          this.sweeping = undefined;
        });
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sweeping;
  }
}
