import type { CaseResult } from '../bench-case';
import { compareToBaseline, cpuMsPerRequest, formatRatio } from './ratio';

export interface Table {
  header: string[];
  /** 'l' or 'r' per column. */
  align: Array<'l' | 'r'>;
  rows: string[][];
}

const fixed = (value: number | undefined, digits: number): string =>
  value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);

/** One row per configuration: throughput, latency, errors, the served process, ratios. */
export function resultsTable(result: CaseResult): Table {
  return {
    header: [
      'configuration',
      'req/s',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'non-2xx',
      'GraphQL errors',
      'transport errors',
      'peak RSS MiB',
      'CPU %',
      'CPU ms/req',
      'req/s ratio',
      'p99 ratio',
      'CPU/req ratio',
    ],
    align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    rows: result.configs.map((config) => {
      const served = config.processes[0];
      const comparison = compareToBaseline(config, result.configs);
      const { load } = config;
      return [
        config.label,
        fixed(load.rps, 1),
        fixed(load.latencyMs.p50, 1),
        fixed(load.latencyMs.p95, 1),
        fixed(load.latencyMs.p99, 1),
        String(load.non2xx),
        String(load.graphqlErrors),
        String(load.transportErrors),
        fixed(served?.peakRssMiB, 0),
        fixed(served?.cpuPercent, 0),
        fixed(cpuMsPerRequest(config), 1),
        comparison ? formatRatio(comparison.rps) : 'baseline',
        comparison ? formatRatio(comparison.p99) : 'baseline',
        comparison ? formatRatio(comparison.cpuPerRequest) : 'baseline',
      ];
    }),
  };
}

/** Every process sampled during each configuration's measurement. */
export function processesTable(result: CaseResult): Table {
  return {
    header: ['configuration', 'process', 'peak RSS MiB', 'CPU %'],
    align: ['l', 'l', 'r', 'r'],
    rows: result.configs.flatMap((config) =>
      config.processes.map((p) => [
        config.label,
        p.name,
        fixed(p.peakRssMiB, 0),
        fixed(p.cpuPercent, 0),
      ]),
    ),
  };
}

function widths(table: Table): number[] {
  return table.header.map((h, i) => Math.max(h.length, ...table.rows.map((r) => r[i]!.length)));
}

export function formatConsoleTable(table: Table): string {
  const w = widths(table);
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (table.align[i] === 'r' ? cell.padStart(w[i]!) : cell.padEnd(w[i]!)))
      .join('  ')
      .trimEnd();
  return [line(table.header), line(w.map((n) => '-'.repeat(n))), ...table.rows.map(line)].join(
    '\n',
  );
}

export function formatMarkdownTable(table: Table): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  const escaped: Table = { ...table, rows: table.rows.map((row) => row.map(escape)) };
  const w = widths(escaped).map((n) => Math.max(n, 3));
  const line = (cells: string[]) =>
    `| ${cells
      .map((cell, i) => (table.align[i] === 'r' ? cell.padStart(w[i]!) : cell.padEnd(w[i]!)))
      .join(' | ')} |`;
  const rule = `| ${w
    .map((n, i) => (table.align[i] === 'r' ? `${'-'.repeat(n - 1)}:` : '-'.repeat(n)))
    .join(' | ')} |`;
  return [line(table.header), rule, ...escaped.rows.map(line)].join('\n');
}
