export interface BenchOptions {
  /** Seconds of load that are measured, per configuration. */
  durationSeconds: number;
  /** Seconds of load before measuring (JIT, caches, connection pools), per configuration. */
  warmupSeconds: number;
  /** Concurrent keep-alive connections of the load generator. */
  connections: number;
  /** Write results to docs/benchmarks.md (and charts to docs/benchmarks/). */
  writeDocs: boolean;
  /** The command as the user typed it, recorded in the docs. */
  command: string;
  log: (line: string) => void;
}

export const DEFAULT_OPTIONS: Readonly<Omit<BenchOptions, 'command' | 'log'>> = {
  durationSeconds: 20,
  warmupSeconds: 10,
  connections: 50,
  writeDocs: true,
};

export class BenchUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BenchUsageError';
  }
}

const USAGE =
  'usage: npm run bench -- [case...] [--duration <s>] [--warmup <s>] [--connections <n>] [--no-docs]' +
  '\n  env: BENCH_DURATION, BENCH_WARMUP, BENCH_CONNECTIONS';

function positiveNumber(name: string, value: string | undefined, integer: boolean): number {
  const n = Number(value);
  const ok = value !== undefined && value.trim() !== '' && Number.isFinite(n) && n >= 0;
  if (!ok || (integer && (!Number.isInteger(n) || n < 1)))
    throw new BenchUsageError(`${name} must be a ${integer ? 'positive integer' : 'number >= 0'}`);
  return n;
}

/**
 * Options from the environment, then flags (flags win). Durations are seconds and
 * may be fractional, for quick runs: `npm run bench -- federation --duration 3 --warmup 1`.
 */
export function parseBenchArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): { names: string[]; options: Omit<BenchOptions, 'command' | 'log'>; help: boolean } {
  const options = { ...DEFAULT_OPTIONS };
  if (env.BENCH_DURATION)
    options.durationSeconds = positiveNumber('BENCH_DURATION', env.BENCH_DURATION, false);
  if (env.BENCH_WARMUP)
    options.warmupSeconds = positiveNumber('BENCH_WARMUP', env.BENCH_WARMUP, false);
  if (env.BENCH_CONNECTIONS)
    options.connections = positiveNumber('BENCH_CONNECTIONS', env.BENCH_CONNECTIONS, true);
  const names: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') ? arg.split('=', 2) : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--duration':
        options.durationSeconds = positiveNumber('--duration', value(), false);
        break;
      case '--warmup':
        options.warmupSeconds = positiveNumber('--warmup', value(), false);
        break;
      case '--connections':
        options.connections = positiveNumber('--connections', value(), true);
        break;
      case '--no-docs':
        options.writeDocs = false;
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      default:
        if (arg.startsWith('-')) throw new BenchUsageError(`unknown option ${arg}\n${USAGE}`);
        names.push(arg);
    }
  }
  if (options.durationSeconds <= 0) throw new BenchUsageError('--duration must be above 0');
  return { names, options, help };
}

export function benchUsage(caseNames: readonly string[]): string {
  return `${USAGE}\n  cases: ${caseNames.join(', ')}`;
}
