import type { ReviewDecision } from './decide-review';

const MAX_TEXT = 500;

/**
 * `{ action: 'link', patientId, reviewer }`, `{ action: 'new-patient', reviewer }` or
 * `{ action: 'reject', reviewer }`, each with an optional `note`. The reviewer is
 * whoever decided (a user name or id): recorded with the decision.
 */
export function validateReviewDecision(body: unknown): {
  decision?: ReviewDecision;
  problems: string[];
} {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { problems: ['body must be an object'] };
  }
  const b = body as Record<string, unknown>;
  const problems: string[] = [];
  if (!['link', 'new-patient', 'reject'].includes(b.action as string)) {
    problems.push("action must be 'link', 'new-patient' or 'reject'");
  }
  if (typeof b.reviewer !== 'string' || b.reviewer.trim().length === 0 || b.reviewer.length > 200) {
    problems.push('reviewer must be a non-empty string (who decided) of at most 200 characters');
  }
  if (b.action === 'link' && (typeof b.patientId !== 'string' || b.patientId.length === 0)) {
    problems.push("patientId must be a non-empty string when action is 'link'");
  }
  if (b.note != null && (typeof b.note !== 'string' || b.note.length > MAX_TEXT)) {
    problems.push(`note must be a string of at most ${MAX_TEXT} characters`);
  }
  if (problems.length > 0) return { problems };
  const common = {
    reviewer: (b.reviewer as string).trim(),
    note: (b.note as string | undefined) ?? null,
  };
  const decision: ReviewDecision =
    b.action === 'link'
      ? { action: 'link', patientId: b.patientId as string, ...common }
      : { action: b.action as 'new-patient' | 'reject', ...common };
  return { decision, problems };
}
