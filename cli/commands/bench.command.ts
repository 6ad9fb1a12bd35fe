import { Command } from 'commander';

export function benchCommand(): Command {
  return new Command('bench')
    .description(
      'Run benchmarks (all, or the named cases) and write docs/benchmarks.md; --help lists cases and flags',
    )
    .argument('[args...]', 'case names and flags (--duration, --warmup, --connections, --no-docs)')
    .allowUnknownOption()
    .helpOption(false)
    .action(async (args: string[]) => {
      const { runBenchmarksFromArgs } = await import('../../bench/run-benchmarks');
      await runBenchmarksFromArgs(args);
    });
}
