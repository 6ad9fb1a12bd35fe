import type { CaseReport } from './case-report';
import {
  mergeBenchmarksDoc,
  renderCaseSection,
  sectionEnd,
  sectionStart,
} from './markdown-section';
import { sampleResult } from './sample-result';

const report: CaseReport = {
  result: sampleResult(),
  machine: {
    node: 'v20.20.2',
    platform: 'Linux 6 x64',
    cpus: 2,
    cpuModel: 'Test CPU',
    memoryGiB: 8,
    loadBefore: 1.5,
    loadAfter: 2,
  },
  command: 'npm run bench -- federation --duration 5',
  startedAt: '2026-11-25T08:00:00.000Z',
};

describe('benchmarks markdown', () => {
  it('renders a case with its command, machine, tables, chart and notes', () => {
    const section = renderCaseSection(report);
    expect(section.startsWith(sectionStart('federation'))).toBe(true);
    expect(section.endsWith(sectionEnd('federation'))).toBe(true);
    expect(section).toContain('npm run bench -- federation --duration 5');
    expect(section).toContain('Measured 2026-11-25 08:00 UTC');
    expect(section).toContain('Node v20.20.2, 2 CPUs (Test CPU)');
    expect(section).toContain('load avg (1 min) 1.50 before, 2.00 after');
    expect(section).toContain('| ours gateway');
    expect(section).toContain('![Throughput](benchmarks/federation-throughput.svg)');
    expect(section).toContain('- Published figure: 91 req/s.');
  });

  it('replaces a case section and keeps the others, in registry order', () => {
    const old = (name: string, body: string) =>
      `${sectionStart(name)}\n${body}\n${sectionEnd(name)}`;
    const existing = `# old intro\n\n${old('scaling', 'kept')}\n\n${old('federation', 'stale')}\n`;
    const merged = mergeBenchmarksDoc(
      existing,
      '# Benchmarks',
      new Map([['federation', old('federation', 'fresh')]]),
      ['federation', 'scaling'],
    );
    expect(merged).toBe(
      `# Benchmarks\n\n${old('federation', 'fresh')}\n\n${old('scaling', 'kept')}\n`,
    );
  });

  it('starts a new document when there is none', () => {
    expect(mergeBenchmarksDoc(undefined, '# B', new Map([['a', 'A']]), ['a'])).toBe('# B\n\nA\n');
  });
});
