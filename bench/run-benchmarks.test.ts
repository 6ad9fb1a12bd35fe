import type { BenchCase } from './bench-case';
import { BenchUsageError } from './bench-options';
import { CASES } from './cases';
import { selectCases } from './run-benchmarks';

const fake = (name: string): BenchCase => ({
  name,
  description: name,
  run: () => Promise.reject(new Error('not run in this test')),
});

describe('selectCases', () => {
  const cases = [fake('federation'), fake('consent'), fake('ingest')];

  it('runs every case when none is named, in registry order', () => {
    expect(selectCases([], cases).map((c) => c.name)).toEqual(['federation', 'consent', 'ingest']);
  });

  it('keeps registry order for named cases', () => {
    expect(selectCases(['ingest', 'federation'], cases).map((c) => c.name)).toEqual([
      'federation',
      'ingest',
    ]);
  });

  it('refuses an unknown case and lists the known ones', () => {
    expect(() => selectCases(['federatoin'], cases)).toThrow(BenchUsageError);
    expect(() => selectCases(['federatoin'], cases)).toThrow(/federation, consent, ingest/);
  });

  it('registers the federation case', () => {
    expect(CASES.map((c) => c.name)).toContain('federation');
  });
});
