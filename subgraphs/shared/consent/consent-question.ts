import type { ConsentCategory, PurposeOfUse } from '../../../contracts/consent-codes';

/** One question to the consent registry: may `grantee` see `category` of `patient` for `purpose`? */
export interface ConsentQuestion {
  /** The patient's chain address (lower-case hex). */
  patientAddress: string;
  /** The requesting organisation's chain address (lower-case hex). */
  grantee: string;
  category: ConsentCategory;
  purpose: PurposeOfUse;
}

/**
 * `unavailable`: the registry could not be read and no answer known to be fresh
 * was cached. Callers treat it as a denial (fail closed) with its own error code.
 */
export type ConsentAnswer = 'granted' | 'denied' | 'unavailable';

export interface ConsentChecker {
  /** Answers many questions at once; implementations make one registry call per batch. */
  check(questions: readonly ConsentQuestion[]): Promise<ConsentAnswer[]>;
}

export function questionKey(q: ConsentQuestion): string {
  return `${q.patientAddress.toLowerCase()}|${q.grantee.toLowerCase()}|${q.category}|${q.purpose}`;
}
