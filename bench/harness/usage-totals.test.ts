import { measured } from '../report/sample-result';
import { cpuMsPerRequestByProcess, withTotal } from './usage-totals';

describe('usage totals', () => {
  it('puts the sum of every process first', () => {
    const config = withTotal(
      measured('on', { rps: 10, p99: 5, requests: 100, cpuSeconds: 4 }),
      'all',
    );
    expect(config.processes.map((p) => p.name)).toEqual(['all', 'gateway', 'subgraphs']);
    expect(config.processes[0]).toMatchObject({
      peakRssMiB: 420.4,
      cpuSeconds: 6,
      cpuPercent: 109.6,
    });
  });

  it('leaves the total unknown when one process could not be sampled', () => {
    const config = withTotal(measured('on', { rps: 10, p99: 5, requests: 100 }), 'all');
    expect(config.processes[0]!.cpuSeconds).toBeUndefined();
  });

  it('divides each process CPU time by the requests served', () => {
    const config = withTotal(
      measured('on', { rps: 10, p99: 5, requests: 100, cpuSeconds: 4 }),
      'all',
    );
    expect(cpuMsPerRequestByProcess(config)).toEqual([
      ['gateway', 40],
      ['subgraphs', 20],
    ]);
  });
});
