import path from 'node:path';
import { asExpected, checkOmhFixtures } from './omh-conformance';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'wearables', 'omh');

describe("Open mHealth's own fixtures (copied developer set)", () => {
  const results = checkOmhFixtures(FIXTURES);

  it('covers every schema the subgraph ingests', () => {
    expect(new Set(results.map((r) => r.schema))).toEqual(
      new Set([
        'heart-rate',
        'blood-glucose',
        'sleep-duration',
        'step-count',
        'oxygen-saturation',
        'blood-pressure',
        'data-point',
      ]),
    );
    expect(results.length).toBeGreaterThan(60);
  });

  it('stores every shouldPass measure', () => {
    const passing = results.filter((r) => r.expected === 'pass' && r.schema !== 'data-point');
    expect(passing.filter((r) => r.outcome !== 'accepted')).toEqual([]);
    expect(passing.length).toBeGreaterThan(25);
  });

  it('rejects every shouldFail file with a reason', () => {
    const failing = results.filter((r) => r.expected === 'fail');
    expect(failing.filter((r) => r.outcome !== 'rejected' || r.reasons.length === 0)).toEqual([]);
    expect(failing.length).toBeGreaterThan(25);
  });

  it('comes out as every folder says', () => {
    expect(results.filter((r) => !asExpected(r))).toEqual([]);
  });

  it('accepts a valid data point envelope only when its body conforms to its schema', () => {
    // data-point shouldPass fixtures carry physical-activity bodies, which this
    // subgraph does not store: the envelope is valid, the reason says why not.
    const envelopes = results.filter((r) => r.schema === 'data-point' && r.expected === 'pass');
    expect(envelopes.length).toBeGreaterThan(0);
    for (const r of envelopes)
      expect(r.reasons.join()).toMatch(/unsupported schema omh:physical-activity/);
  });
});
