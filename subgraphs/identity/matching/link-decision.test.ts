import { decideLink, type LinkEvidence, type ScoredCandidate } from './link-decision';
import { DEFAULT_MATCH_CONFIG } from './match-config';
import type { MatchComparison, MatchVeto } from './score-match';

function candidate(patientId: string, score: number, vetoes: MatchVeto[] = []): ScoredCandidate {
  const comparison = { score, weight: 0, vetoes } as unknown as MatchComparison;
  return { patientId, comparison };
}

const none: LinkEvidence = {
  sourceKeyPatientId: null,
  identifierPatients: [],
  demographicCandidates: [],
  rejectedUnchanged: false,
};
const decide = (evidence: Partial<LinkEvidence>) =>
  decideLink({ ...none, ...evidence }, DEFAULT_MATCH_CONFIG);

describe('decideLink', () => {
  it('keeps a known record with its patient, whatever else it carries', () => {
    expect(
      decide({
        sourceKeyPatientId: 'p1',
        identifierPatients: [candidate('p1', 1), candidate('p2', 1)],
        demographicCandidates: [candidate('p3', 1)],
      }),
    ).toEqual({ kind: 'same-record', patientId: 'p1' });
  });

  it('follows a shared identifier, unless identifiers conflict', () => {
    expect(decide({ identifierPatients: [candidate('p1', 0.1)] })).toMatchObject({
      kind: 'same-identifier',
      patientId: 'p1',
    });
    const split = decide({ identifierPatients: [candidate('p2', 0.4), candidate('p1', 0.9)] });
    expect(split).toMatchObject({ kind: 'review', reason: 'identifier-conflict' });
    expect(split.kind === 'review' && split.candidates.map((c) => c.patientId)).toEqual([
      'p1',
      'p2',
    ]);
    expect(
      decide({ identifierPatients: [candidate('p1', 1, ['identifier-conflict'])] }),
    ).toMatchObject({ kind: 'review', reason: 'identifier-conflict' });
  });

  it('links one confident candidate, reviews borderline ones, creates below', () => {
    expect(
      decide({ demographicCandidates: [candidate('a', 0.2), candidate('b', 0.99)] }),
    ).toMatchObject({ kind: 'demographic-match', patientId: 'b' });
    const borderline = decide({
      demographicCandidates: [candidate('a', 0.7), candidate('b', 0.1)],
    });
    expect(borderline).toMatchObject({ kind: 'review', reason: 'possible-match' });
    expect(borderline.kind === 'review' && borderline.candidates.map((c) => c.patientId)).toEqual([
      'a',
    ]);
    expect(decide({ demographicCandidates: [candidate('a', 0.49)] })).toMatchObject({
      kind: 'new-patient',
      considered: 1,
    });
    expect(decide({})).toEqual({ kind: 'new-patient', best: null, considered: 0 });
  });

  it('never auto-links past a veto or between two confident candidates', () => {
    expect(
      decide({ demographicCandidates: [candidate('a', 0.999, ['given-name-disagrees'])] }),
    ).toMatchObject({ kind: 'review', reason: 'possible-match' });
    expect(
      decide({ demographicCandidates: [candidate('a', 0.999), candidate('b', 0.985)] }),
    ).toMatchObject({ kind: 'review', reason: 'ambiguous-match' });
  });

  it('keeps an unchanged rejected record rejected, but lets identifiers link it', () => {
    expect(decide({ rejectedUnchanged: true, demographicCandidates: [candidate('a', 1)] })).toEqual(
      {
        kind: 'rejected',
      },
    );
    expect(
      decide({ rejectedUnchanged: true, identifierPatients: [candidate('a', 1)] }),
    ).toMatchObject({ kind: 'same-identifier', patientId: 'a' });
  });

  it('honours configured thresholds', () => {
    const strict = { ...DEFAULT_MATCH_CONFIG, autoLinkThreshold: 0.999, reviewThreshold: 0.9 };
    const evidence = { ...none, demographicCandidates: [candidate('a', 0.99)] };
    expect(decideLink(evidence, strict)).toMatchObject({ kind: 'review' });
    const loose = { ...DEFAULT_MATCH_CONFIG, autoLinkThreshold: 0.9 };
    expect(decideLink(evidence, loose)).toMatchObject({ kind: 'demographic-match' });
  });
});
