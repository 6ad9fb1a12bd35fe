import { BenchUsageError, DEFAULT_OPTIONS, parseBenchArgs } from './bench-options';

describe('parseBenchArgs', () => {
  it('defaults to every case, 20 s measured after 10 s warm-up, 50 connections', () => {
    expect(parseBenchArgs([], {})).toEqual({ names: [], options: DEFAULT_OPTIONS, help: false });
    expect(DEFAULT_OPTIONS).toMatchObject({
      durationSeconds: 20,
      warmupSeconds: 10,
      connections: 50,
      writeDocs: true,
    });
  });

  it('takes case names and flags (spaced or with =), flags over environment', () => {
    const parsed = parseBenchArgs(
      ['federation', '--duration', '3', '--warmup=0.5', '--connections', '8', '--no-docs'],
      { BENCH_DURATION: '60', BENCH_CONNECTIONS: '100' },
    );
    expect(parsed.names).toEqual(['federation']);
    expect(parsed.options).toEqual({
      durationSeconds: 3,
      warmupSeconds: 0.5,
      connections: 8,
      writeDocs: false,
    });
  });

  it('reads BENCH_* variables', () => {
    const { options } = parseBenchArgs([], {
      BENCH_DURATION: '5',
      BENCH_WARMUP: '0',
      BENCH_CONNECTIONS: '10',
    });
    expect(options).toMatchObject({ durationSeconds: 5, warmupSeconds: 0, connections: 10 });
  });

  it.each([
    [['--duration', 'ten']],
    [['--duration', '0']],
    [['--connections', '2.5']],
    [['--connections']],
    [['--warmup', '-1']],
    [['--fast']],
  ])('refuses %j with a usage error', (argv) => {
    expect(() => parseBenchArgs(argv, {})).toThrow(BenchUsageError);
  });

  it('refuses a bad environment value, naming it', () => {
    expect(() => parseBenchArgs([], { BENCH_CONNECTIONS: 'many' })).toThrow(/BENCH_CONNECTIONS/);
  });
});
