import path from 'node:path';
import { CaseCheckError, type BenchCase } from './bench-case';
import {
  BenchUsageError,
  benchUsage,
  DEFAULT_OPTIONS,
  parseBenchArgs,
  type BenchOptions,
} from './bench-options';
import { CASES, DOC_ORDER } from './cases';
import { describeMachine, finishMachineInfo, formatMachine } from './harness/machine';
import { stopSharedFixtures } from './harness/shared-fixtures';
import { writeBenchmarksDoc } from './report/benchmarks-doc';
import type { CaseReport } from './report/case-report';
import { compareToBaseline, formatRatio } from './report/ratio';
import { formatConsoleTable, processesTable, resultsTable } from './report/tables';

export const BENCHMARKS_DOC = path.join(__dirname, '..', 'docs', 'benchmarks.md');

export class BenchFailure extends Error {
  constructor(readonly failures: ReadonlyArray<{ name: string; error: Error }>) {
    super(
      `benchmark case${failures.length > 1 ? 's' : ''} failed: ` +
        failures.map((f) => `${f.name}: ${f.error.message}`).join('; '),
    );
    this.name = 'BenchFailure';
  }
}

export function selectCases(names: readonly string[], cases = CASES): BenchCase[] {
  if (names.length === 0) return [...cases];
  const unknown = names.filter((n) => !cases.some((c) => c.name === n));
  if (unknown.length > 0)
    throw new BenchUsageError(
      `unknown benchmark case ${unknown.join(', ')}; cases: ${cases.map((c) => c.name).join(', ')}`,
    );
  return cases.filter((c) => names.includes(c.name));
}

function defaultCommand(names: readonly string[], options: Partial<BenchOptions>): string {
  const flags: string[] = [];
  if (options.durationSeconds !== undefined) flags.push(`--duration ${options.durationSeconds}`);
  if (options.warmupSeconds !== undefined) flags.push(`--warmup ${options.warmupSeconds}`);
  if (options.connections !== undefined) flags.push(`--connections ${options.connections}`);
  const args = [...names, ...flags];
  return `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`;
}

/**
 * Runs the named cases (all when none is named), prints each case's table as it
 * finishes, and writes docs/benchmarks.md. A case that fails (e.g. a gateway returns
 * a wrong response) is reported and the others still run; then this rejects with a
 * BenchFailure naming every failed case.
 */
export async function runBenchmarks(
  names: string[],
  options: Partial<BenchOptions> = {},
): Promise<void> {
  const selected = selectCases(names);
  const opts: BenchOptions = {
    ...DEFAULT_OPTIONS,
    command: defaultCommand(names, options),
    log: (line) => console.log(line),
    ...options,
  };
  const reports: CaseReport[] = [];
  const failures: Array<{ name: string; error: Error }> = [];
  try {
    await runSelected(selected, opts, reports, failures);
  } finally {
    await stopSharedFixtures();
  }
  if (opts.writeDocs && reports.length > 0) {
    const written = await writeBenchmarksDoc(BENCHMARKS_DOC, reports, DOC_ORDER);
    opts.log(`\nwrote ${written.map((f) => path.relative(process.cwd(), f)).join(', ')}`);
  }
  if (failures.length > 0) throw new BenchFailure(failures);
}

async function runSelected(
  selected: readonly BenchCase[],
  opts: BenchOptions,
  reports: CaseReport[],
  failures: Array<{ name: string; error: Error }>,
): Promise<void> {
  for (const benchCase of selected) {
    const machine = describeMachine();
    const startedAt = new Date().toISOString();
    opts.log(`\n== ${benchCase.name}: ${formatMachine(machine)}`);
    try {
      const result = await benchCase.run(opts);
      const report = {
        result,
        machine: finishMachineInfo(machine),
        command: opts.command,
        startedAt,
      };
      reports.push(report);
      if (result.configs.length > 0) {
        opts.log(`\n${formatConsoleTable(resultsTable(result))}\n`);
        opts.log(formatConsoleTable(processesTable(result)));
      }
      for (const { title, table } of result.tables ?? [])
        opts.log(`\n${title}\n${formatConsoleTable(table)}`);
      for (const config of result.configs) {
        const comparison = compareToBaseline(config, result.configs);
        if (comparison)
          opts.log(
            `${config.key}/${comparison.baselineKey}: req/s ${formatRatio(comparison.rps)}, ` +
              `p99 ${formatRatio(comparison.p99)}, CPU/request ${formatRatio(comparison.cpuPerRequest)}`,
          );
      }
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      const kind = err instanceof CaseCheckError ? 'CHECK FAILED' : 'FAILED';
      opts.log(`\n!! ${benchCase.name} ${kind}: ${err.message}`);
      failures.push({ name: benchCase.name, error: err });
    }
  }
}

/**
 * The command-line form: `argv` are the arguments after the command (case names and
 * options, see parseBenchArgs); `commandPrefix` is how the user invoked it, recorded
 * with the results. For `npm run bench -- federation --duration 5` the CLI passes
 * `['federation', '--duration', '5']` and the default prefix.
 */
export async function runBenchmarksFromArgs(
  argv: readonly string[],
  commandPrefix = 'npm run bench --',
): Promise<void> {
  const { names, options, help } = parseBenchArgs(argv);
  if (help) {
    console.log(benchUsage(CASES.map((c) => c.name)));
    return;
  }
  const command = argv.length
    ? `${commandPrefix} ${argv.join(' ')}`
    : commandPrefix.replace(/ --$/, '');
  await runBenchmarks(names, { ...options, command });
}

if (require.main === module) {
  runBenchmarksFromArgs(
    process.argv.slice(2),
    'node -r @swc-node/register bench/run-benchmarks.ts',
  ).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
