import type { Logger } from '../../shared/logger';
import { IdentityClient } from '../../shared/patient/identity-client';
import type { PatientLinkRequest } from '../../shared/patient/link-request';
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

/** Records (in the ingest transaction) that these patients must be linked. */
export async function enqueuePatientLinks(
  tx: EhrFhirTx,
  links: { patientId: string; request: PatientLinkRequest }[],
  now: Date,
): Promise<void> {
  if (links.length === 0) return;
  const unique = new Map(links.map((l) => [l.patientId, l]));
  const ids = [...unique.keys()];
  await tx.patientLink.deleteMany({ where: { patientId: { in: ids } } });
  await tx.patientLink.createMany({
    data: [...unique.values()].map((l) => ({
      patientId: l.patientId,
      status: 'pending',
      requestJson: JSON.stringify(l.request),
      nextAttemptAt: now,
      reason: 'NEW',
    })),
  });
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

  private async attempt(patientId: string): Promise<boolean> {
    const row = await this.store.patientLink.findUnique({ where: { patientId } });
    if (!row) return false;
    if (row.status === 'linked') return true;
    const request = JSON.parse(row.requestJson) as PatientLinkRequest;
    try {
      const response = await this.client.link(request);
      await this.store.patientLink.updateMany({
        // Only if no newer version of the patient re-queued it meanwhile.
        where: { patientId, requestJson: row.requestJson },
        data: {
          status: response.patientId ? 'linked' : 'pending',
          globalPatientId: response.patientId,
          decision: response.decision,
          reason: response.patientId ? response.reason : `REVIEW: ${response.reason}`,
          attempts: row.attempts + 1,
          nextAttemptAt: new Date(Date.now() + retryDelayMs(row.attempts + 1, this.retryBaseMs)),
        },
      });
      return response.patientId !== null;
    } catch (error) {
      const reason = linkFailureReason(error);
      this.logger.warn({ patientLink: 'pending', reason }, 'patient link not delivered');
      await this.store.patientLink.updateMany({
        where: { patientId, requestJson: row.requestJson },
        data: {
          status: 'pending',
          reason,
          attempts: row.attempts + 1,
          nextAttemptAt: new Date(Date.now() + retryDelayMs(row.attempts + 1, this.retryBaseMs)),
        },
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
