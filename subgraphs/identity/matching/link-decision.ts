import type { MatchConfig } from './match-config';
import type { MatchComparison } from './score-match';

export interface ScoredCandidate {
  patientId: string;
  comparison: MatchComparison;
}

/** What is known about a record when it arrives; gathered from the store first. */
export interface LinkEvidence {
  /** The patient the record's own key (its first identifier) is linked to already. */
  sourceKeyPatientId: string | null;
  /** Distinct patients holding one of the record's identifiers, each compared to the record. */
  identifierPatients: ScoredCandidate[];
  /** Patients found through blocking keys, compared to the record. */
  demographicCandidates: ScoredCandidate[];
  /** A reviewer rejected this record and it has not changed since. */
  rejectedUnchanged: boolean;
}

export type ReviewKind = 'possible-match' | 'ambiguous-match' | 'identifier-conflict';

export type LinkPlan =
  | { kind: 'same-record'; patientId: string }
  | { kind: 'same-identifier'; patientId: string; comparison: MatchComparison }
  | { kind: 'demographic-match'; patientId: string; comparison: MatchComparison }
  | { kind: 'new-patient'; best: ScoredCandidate | null; considered: number }
  | { kind: 'review'; reason: ReviewKind; candidates: ScoredCandidate[] }
  | { kind: 'rejected' };

/** Candidates a reviewer is shown at most. */
export const MAX_REVIEW_CANDIDATES = 5;

export function byScore(a: ScoredCandidate, b: ScoredCandidate): number {
  return b.comparison.score - a.comparison.score || a.patientId.localeCompare(b.patientId);
}

/**
 * The link decision, in order of the strength of its evidence:
 *  1. the vendor's own key is linked already: the same record, whatever else it says;
 *  2. identifiers known to two patients, or a known identifier whose patient holds
 *     a conflicting SSN/MRN: a person decides (never a silent pick);
 *  3. identifiers known to one patient: that patient;
 *  4. a record a reviewer rejected, unchanged: stays rejected;
 *  5. demographics: one candidate at or above the auto-link threshold and without
 *     vetoes links; several above it, a veto, or a score between the thresholds
 *     goes to review; below, a new patient.
 */
export function decideLink(evidence: LinkEvidence, config: MatchConfig): LinkPlan {
  if (evidence.sourceKeyPatientId) {
    return { kind: 'same-record', patientId: evidence.sourceKeyPatientId };
  }
  const holders = [...evidence.identifierPatients].sort(byScore);
  if (holders.length > 1) {
    return {
      kind: 'review',
      reason: 'identifier-conflict',
      candidates: holders.slice(0, MAX_REVIEW_CANDIDATES),
    };
  }
  const holder = holders[0];
  if (holder) {
    return holder.comparison.vetoes.includes('identifier-conflict')
      ? { kind: 'review', reason: 'identifier-conflict', candidates: [holder] }
      : { kind: 'same-identifier', patientId: holder.patientId, comparison: holder.comparison };
  }
  if (evidence.rejectedUnchanged) return { kind: 'rejected' };

  const ranked = [...evidence.demographicCandidates].sort(byScore);
  const best = ranked[0] ?? null;
  const reviewable = ranked
    .filter((c) => c.comparison.score >= config.reviewThreshold)
    .slice(0, MAX_REVIEW_CANDIDATES);
  if (!best || best.comparison.score < config.reviewThreshold) {
    return { kind: 'new-patient', best, considered: ranked.length };
  }
  if (best.comparison.score >= config.autoLinkThreshold) {
    const rivals = ranked.filter((c) => c.comparison.score >= config.autoLinkThreshold);
    if (rivals.length > 1) {
      return { kind: 'review', reason: 'ambiguous-match', candidates: reviewable };
    }
    if (best.comparison.vetoes.length === 0) {
      return { kind: 'demographic-match', patientId: best.patientId, comparison: best.comparison };
    }
  }
  return { kind: 'review', reason: 'possible-match', candidates: reviewable };
}
