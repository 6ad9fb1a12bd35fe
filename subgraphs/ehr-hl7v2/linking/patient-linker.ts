import type { Logger } from '../../shared/logger';
import type { IdentityClient } from '../../shared/patient/identity-client';
import type {
  FhirAddressJson,
  FhirContactPointJson,
  FhirHumanNameJson,
  LinkIdentifier,
  PatientLinkRequest,
} from '../../shared/patient/link-request';
import type { SqlDatabase } from '../../shared/store/sql-database';
import type { Hl7Store, StoredPatient } from '../store';
import { errorFields } from '../log-fields';

export const LINK_SOURCE = 'ehr-hl7v2';

/** The link request for a stored patient: the feed's own key first, then every other id. */
export function linkRequestOf(patient: StoredPatient): PatientLinkRequest {
  return {
    source: LINK_SOURCE,
    identifiers: JSON.parse(patient.identifiersJson) as LinkIdentifier[],
    demographics: {
      names: JSON.parse(patient.namesJson) as FhirHumanNameJson[],
      birthDate: patient.birthDate,
      gender: patient.gender,
      addresses: JSON.parse(patient.addressesJson) as FhirAddressJson[],
      telecom: JSON.parse(patient.telecomJson) as FhirContactPointJson[],
    },
  };
}

/** A failure as a code for the row and the log: no identifiers, no names. */
export function linkErrorCode(error: unknown): string {
  const message = (error as Error)?.message ?? '';
  const status = /\((\d{3}) ?([A-Z_]*)\)/.exec(message);
  if (status) return status[2] ? status[2] : `HTTP_${status[1]}`;
  if ((error as Error)?.name === 'TimeoutError' || /aborted|timeout/i.test(message))
    return 'TIMEOUT';
  return 'UNREACHABLE';
}

export interface PatientLinkerOptions {
  batchSize?: number;
  concurrency?: number;
  /** How often due retries are looked for. */
  pollMs?: number;
  maxBackoffMs?: number;
  now?: () => Date;
}

/**
 * Tells identity about new and changed patients, outside the message path: an
 * ACK never waits for identity, and identity being down (or answering 409 for a
 * conflict a person must resolve) only delays the link. Every patient stays
 * `pending` until identity has linked its latest version; retries back off
 * exponentially up to maxBackoffMs and survive restarts (the state is in the store).
 */
export class PatientLinker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly maxBackoffMs: number;
  private readonly now: () => Date;

  constructor(
    private readonly store: Hl7Store,
    private readonly writer: SqlDatabase,
    private readonly identity: IdentityClient,
    private readonly logger: Logger,
    private readonly options: PatientLinkerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.concurrency = options.concurrency ?? 4;
    this.maxBackoffMs = options.maxBackoffMs ?? 300_000;
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    this.timer = setInterval(() => this.kick(), this.options.pollMs ?? 5_000);
    this.timer.unref();
    this.kick();
  }

  /** Links what is due now (called after each commit that changed patients). */
  kick(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => this.logger.error(errorFields(error), 'patient linking failed'))
      .finally(() => {
        this.running = null;
        if (this.again && !this.closed) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves when nothing is being linked (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle();
  }

  private async drain(): Promise<void> {
    for (;;) {
      const due = await this.store.hl7Patient.findMany({
        where: { linkStatus: 'pending', mergedIntoId: null, nextLinkAt: { lte: this.now() } },
        orderBy: { nextLinkAt: 'asc' },
        take: this.batchSize,
      });
      if (due.length === 0 || this.closed) return;
      const outcomes: LinkOutcome[] = [];
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < due.length && !this.closed; i = next++) {
          outcomes.push(await this.linkOne(due[i]!));
        }
      };
      await Promise.all(Array.from({ length: this.concurrency }, worker));
      await this.record(outcomes);
      if (due.length < this.batchSize) return;
    }
  }

  private async linkOne(patient: StoredPatient): Promise<LinkOutcome> {
    try {
      const response = await this.identity.link(linkRequestOf(patient));
      if (response.patientId === null) {
        return { patient, error: 'REVIEW', retryInMs: this.maxBackoffMs };
      }
      this.logger.debug({ decision: response.decision }, 'patient linked');
      return { patient, globalPatientId: response.patientId };
    } catch (error) {
      const code = linkErrorCode(error);
      this.logger.warn({ code, attempts: patient.linkAttempts + 1 }, 'patient link deferred');
      const retryInMs = Math.min(
        this.maxBackoffMs,
        1_000 * 2 ** Math.min(patient.linkAttempts, 20),
      );
      return { patient, error: code, retryInMs };
    }
  }

  /**
   * Writes a batch's outcomes in one transaction (one commit, not one per patient).
   * Only the version that was sent counts: a patient changed meanwhile stays
   * pending and is linked again.
   */
  private async record(outcomes: LinkOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    const now = this.now();
    await this.writer.transaction(async (tx) => {
      for (const outcome of outcomes) {
        const { patient } = outcome;
        if (outcome.globalPatientId) {
          await tx.execute(
            `UPDATE "Hl7Patient" SET "linkStatus" = 'linked', "globalPatientId" = ?, "linkedVersion" = ?,
               "linkAttempts" = 0, "linkError" = NULL, "nextLinkAt" = NULL, "updatedAt" = ?
             WHERE "id" = ? AND "linkVersion" = ?`,
            [outcome.globalPatientId, patient.linkVersion, now, patient.id, patient.linkVersion],
          );
        } else {
          await tx.execute(
            `UPDATE "Hl7Patient" SET "linkAttempts" = "linkAttempts" + 1, "linkError" = ?,
               "nextLinkAt" = ?, "updatedAt" = ?
             WHERE "id" = ? AND "linkVersion" = ?`,
            [
              outcome.error ?? 'UNKNOWN',
              new Date(now.getTime() + (outcome.retryInMs ?? this.maxBackoffMs)),
              now,
              patient.id,
              patient.linkVersion,
            ],
          );
        }
      }
    });
  }
}

interface LinkOutcome {
  patient: StoredPatient;
  globalPatientId?: string;
  error?: string;
  retryInMs?: number;
}
