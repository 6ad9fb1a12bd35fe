import { validateReviewDecision } from './validate-review-decision';

describe('validateReviewDecision', () => {
  it('accepts the three actions', () => {
    expect(
      validateReviewDecision({ action: 'link', patientId: 'p1', reviewer: ' dr.ng ' }),
    ).toEqual({
      decision: { action: 'link', patientId: 'p1', reviewer: 'dr.ng', note: null },
      problems: [],
    });
    expect(
      validateReviewDecision({ action: 'new-patient', reviewer: 'r', patientId: 'ignored' })
        .decision,
    ).toEqual({ action: 'new-patient', reviewer: 'r', note: null });
    expect(
      validateReviewDecision({ action: 'reject', reviewer: 'r', note: 'test record' }).decision,
    ).toEqual({ action: 'reject', reviewer: 'r', note: 'test record' });
  });

  it('names every problem', () => {
    expect(validateReviewDecision({ action: 'link', reviewer: '', note: 5 }).problems).toEqual([
      'reviewer must be a non-empty string (who decided) of at most 200 characters',
      "patientId must be a non-empty string when action is 'link'",
      'note must be a string of at most 500 characters',
    ]);
    expect(validateReviewDecision({ action: 'merge', reviewer: 'r' }).problems).toEqual([
      "action must be 'link', 'new-patient' or 'reject'",
    ]);
    expect(validateReviewDecision('link').problems).toEqual(['body must be an object']);
  });
});
