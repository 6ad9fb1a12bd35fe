import type { Logger } from '../../shared/logger';
import type { SqlExecutor } from '../../shared/store/sql-database';
import type { Hl7Store } from '../store';
import { LINK_SOURCE } from './patient-linker';
import { errorFields } from '../log-fields';

/**
 * Tells identity about A40/A34 merges.
 *
 * TODO(identity): identity has no merge endpoint yet. This sends what it needs,
 *   POST /merges {source: 'ehr-hl7v2', survivor: {system, value}, merged: {system, value}}
 * (Bearer service token), where `survivor` is the surviving patient's key here and
 * `merged` the MRG-1 key that stops existing, so identity can fold the merged
 * identifier's global patient into the survivor's (or flag it for review). Until
 * the endpoint exists (404/405), merges stay `pending` and are offered again on
 * every poll; the survivor's identifiers are relinked through POST /links meanwhile
 * (the ingest writer marks the survivor for relinking), so its records resolve.
 */
export class MergeNotifier {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: Hl7Store,
    private readonly writer: SqlExecutor,
    private readonly identityUrl: string,
    private readonly serviceToken: string,
    private readonly logger: Logger,
    private readonly pollMs = 60_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.timer.unref();
  }

  kick(): void {
    this.running ??= this.notifyPending()
      .catch((error: unknown) => this.logger.warn(errorFields(error), 'merge notification failed'))
      .finally(() => {
        this.running = null;
      });
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    while (this.running) await this.running;
  }

  private async notifyPending(): Promise<void> {
    const merges = await this.store.hl7Merge.findMany({
      where: { identityStatus: 'pending' },
      orderBy: { createdAt: 'asc' },
      take: 50,
    });
    for (const merge of merges) {
      const survivor = await this.store.hl7Patient.findUnique({
        where: { id: merge.survivorPatientId },
        select: { keySystem: true, keyValue: true },
      });
      if (!survivor) continue;
      const response = await fetch(new URL('/merges', this.identityUrl), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${this.serviceToken}`,
        },
        body: JSON.stringify({
          source: LINK_SOURCE,
          survivor: { system: survivor.keySystem, value: survivor.keyValue },
          merged: { system: merge.mergedKeySystem, value: merge.mergedKeyValue },
        }),
        signal: AbortSignal.timeout(5_000),
      });
      if (response.status === 404 || response.status === 405) return; // not there yet
      if (!response.ok) {
        this.logger.warn({ status: response.status }, 'identity refused a merge');
        continue;
      }
      await this.writer.execute(
        `UPDATE "Hl7Merge" SET "identityStatus" = 'notified' WHERE "id" = ?`,
        [merge.id],
      );
    }
  }
}
