import { validateMergeRequest, validateUndoRequest } from './validate-merge-request';

describe('validateMergeRequest', () => {
  it('accepts the HL7 A40 call exactly as the feed sends it', () => {
    const body = {
      source: 'ehr-hl7v2',
      survivor: { system: 'urn:rvlab', value: 'H1' },
      merged: { system: 'urn:rvlab', value: 'H2' },
    };
    expect(validateMergeRequest(body)).toEqual({
      request: { ...body, reason: null, requestedBy: null },
      problems: [],
    });
  });

  it('accepts global ids and a reviewer', () => {
    expect(
      validateMergeRequest({
        source: 'review',
        survivor: { patientId: 'a' },
        merged: { patientId: 'b' },
        reason: 'same person',
        reviewer: 'dr.ng',
      }).request,
    ).toEqual({
      source: 'review',
      survivor: { patientId: 'a' },
      merged: { patientId: 'b' },
      reason: 'same person',
      requestedBy: 'dr.ng',
    });
  });

  it('names every problem', () => {
    expect(
      validateMergeRequest({ survivor: { system: 's' }, merged: 'x', reason: 1 }).problems,
    ).toEqual([
      'source must be a non-empty string',
      'survivor must be { system, value } or { patientId }',
      'merged must be { system, value } or { patientId }',
      'reason must be a string of at most 500 characters',
    ]);
    expect(validateMergeRequest(null).problems).toEqual(['body must be an object']);
  });
});

describe('validateUndoRequest', () => {
  it('allows no body, or who asked', () => {
    expect(validateUndoRequest(undefined).request).toEqual({ requestedBy: null });
    expect(validateUndoRequest({ requestedBy: 'r' }).request).toEqual({ requestedBy: 'r' });
    expect(validateUndoRequest({ requestedBy: 3 }).problems).toHaveLength(1);
  });
});
