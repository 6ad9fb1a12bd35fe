import DataLoader from 'dataloader';
import {
  categoryInfo,
  parsePurpose,
  PurposeOfUse,
  type ConsentCategory,
} from '../../../contracts/consent-codes';
import type { AuditCustody } from '../identity-assertion';
import type { Requester } from '../requester';
import {
  questionKey,
  type ConsentAnswer,
  type ConsentChecker,
  type ConsentQuestion,
} from './consent-question';

/** The patient a sensitive value belongs to, as the resolver's root tells it. */
export interface PatientRef {
  /** Global PatientGraph id (what errors and audit entries name). */
  id: string;
  /** The patient's consent-chain address; without one nobody holds consent. */
  consentAddress: string | null | undefined;
}

export type Decision = 'GRANTED' | 'DENIED' | 'BREAK_GLASS' | 'UNAVAILABLE';

/** One audited decision; never carries clinical values. */
export interface DecisionRecord {
  at: string;
  patientId: string;
  category: string;
  purpose: string;
  decision: Decision;
  /** `Type.field` the decision was for. */
  field: string;
  /** Why break-glass was used, as the requester stated it. */
  reason?: string;
}

export interface ConsentOutcome {
  allowed: boolean;
  decision: Decision;
  /** The first category that was not allowed (for the error). */
  category?: ConsentCategory;
}

export type AuditSink = (
  requester: Requester,
  requestId: string,
  records: DecisionRecord[],
) => Promise<void>;

/**
 * The consent state of one request: who asks, for which purpose; every question
 * it asks is batched (one registry call per tick for all patients and categories)
 * and every decision is recorded for the audit log, committed before the response
 * leaves (`flush`).
 *
 * Decisions go to the audit log as soon as they are made, not when the response is
 * ready: the commit's sync to disk (off this thread) then runs while the resolvers
 * go on loading and shaping the data, and `flush` usually finds it done instead of
 * waiting a whole commit per request. Decisions made together (the fields of one
 * level, answered by one consent batch) share one append.
 *
 * Under gateway custody (the gateway's assertion says `audit: gateway`) nothing is
 * committed here: the decisions stay with the request and go back to the gateway
 * with the answer (`takeReportForGateway`), and the gateway commits them before any
 * of it reaches the requester: one durable commit per query instead of one per
 * subgraph.
 */
export class RequestConsent {
  /** Decisions recorded and not yet handed to the audit log. */
  readonly decisions: DecisionRecord[] = [];
  private readonly seen = new Set<string>();
  /** Appends handed to the audit log; `flush` waits for every one of them. */
  private readonly appends: Promise<void>[] = [];
  private sendQueued = false;
  private readonly loader: DataLoader<ConsentQuestion, ConsentAnswer, string>;
  readonly purpose: PurposeOfUse | undefined;

  constructor(
    readonly requester: Requester,
    readonly requestId: string,
    checker: ConsentChecker,
    private readonly sink?: AuditSink,
    /** False only under CONSENT_ENFORCEMENT=off (never in production): see consent-config.ts. */
    readonly enforced = true,
    /** Who commits the decisions: this process's audit log (absent) or the gateway. */
    readonly custody?: AuditCustody,
  ) {
    this.purpose = parsePurpose(requester.purpose);
    this.loader = new DataLoader((questions) => checker.check(questions), {
      cacheKeyFn: questionKey,
    });
  }

  /** Break-glass: emergency treatment with a stated reason. Always audited as such. */
  get isBreakGlass(): boolean {
    return this.purpose === PurposeOfUse.ETREAT && Boolean(this.requester.breakGlassReason?.trim());
  }

  /**
   * Whether this requester could be allowed anything at all: an organisation with an
   * address and a known purpose, or break-glass. Lets searches stop before scanning.
   */
  get canBeGranted(): boolean {
    if (!this.enforced || this.isBreakGlass) return true;
    return Boolean(this.requester.orgAddress) && this.purpose !== undefined;
  }

  /**
   * Decides whether the requester may see `categories` of `patient` (all of them).
   * `auditDenials: false` is for filtering search candidates: a patient left out of
   * a result list was not accessed, so only what is shown is audited.
   */
  async decide(
    patient: PatientRef,
    categories: readonly ConsentCategory[],
    field: string,
    options: { auditDenials?: boolean } = {},
  ): Promise<ConsentOutcome> {
    if (categories.length === 0 || !this.enforced) return { allowed: true, decision: 'GRANTED' };
    const auditDenials = options.auditDenials ?? true;
    if (this.isBreakGlass) {
      categories.forEach((c) => this.record(patient, c, 'BREAK_GLASS', field));
      return { allowed: true, decision: 'BREAK_GLASS' };
    }
    const grantee = this.requester.orgAddress?.toLowerCase();
    const address = patient.consentAddress?.toLowerCase();
    if (!grantee || !address || this.purpose === undefined) {
      if (auditDenials) categories.forEach((c) => this.record(patient, c, 'DENIED', field));
      return { allowed: false, decision: 'DENIED', category: categories[0] };
    }
    const purpose = this.purpose;
    const answers = await Promise.all(
      categories.map((category) =>
        this.loader.load({ patientAddress: address, grantee, category, purpose }),
      ),
    );
    let outcome: ConsentOutcome = { allowed: true, decision: 'GRANTED' };
    answers.forEach((answer, i) => {
      const category = categories[i]!;
      const decision: Decision =
        answer === 'granted' ? 'GRANTED' : answer === 'denied' ? 'DENIED' : 'UNAVAILABLE';
      if (decision === 'GRANTED' || auditDenials) this.record(patient, category, decision, field);
      // An unavailable answer outranks a denial: the client should retry, not ask for consent.
      if (decision !== 'GRANTED' && (outcome.allowed || decision === 'UNAVAILABLE')) {
        outcome = { allowed: false, decision, category };
      }
    });
    return outcome;
  }

  private record(
    patient: PatientRef,
    category: ConsentCategory,
    decision: Decision,
    field: string,
  ): void {
    const code = categoryInfo(category).code;
    const key = `${patient.id}|${code}|${decision}|${field}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.decisions.push({
      at: new Date().toISOString(),
      patientId: patient.id,
      category: code,
      purpose: this.requester.purpose,
      decision,
      field,
      ...(decision === 'BREAK_GLASS' ? { reason: this.requester.breakGlassReason } : {}),
    });
    this.queueSend();
  }

  /**
   * Hands the decisions recorded so far to the audit log once the continuations
   * already queued have run: the other fields answered by the same consent batch
   * record theirs first, and all of them share the append.
   */
  private queueSend(): void {
    if (!this.sink || this.custody || this.sendQueued) return;
    this.sendQueued = true;
    queueMicrotask(() => {
      this.sendQueued = false;
      this.send();
    });
  }

  private send(): void {
    if (!this.sink || this.custody || this.decisions.length === 0) return;
    const appended = this.sink(this.requester, this.requestId, this.decisions.splice(0));
    // Observed by `flush`; until then a failure must not count as unhandled.
    appended.catch(() => undefined);
    this.appends.push(appended);
  }

  /**
   * Resolves once every decision of this request is committed to the audit log.
   * Throws if any of them could not be (fail closed: the caller withholds the data).
   */
  async flush(): Promise<void> {
    this.send();
    await Promise.all(this.appends.splice(0));
  }

  /**
   * Under gateway custody: every decision of the request (once its execution is
   * over), for the answer's audit report; the request keeps none of them after.
   * Undefined when this process commits its own decisions.
   */
  takeReportForGateway(): DecisionRecord[] | undefined {
    return this.custody === 'gateway' ? this.decisions.splice(0) : undefined;
  }
}
