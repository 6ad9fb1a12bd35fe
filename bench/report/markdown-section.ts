import { formatMachine } from '../harness/machine';
import type { CaseReport } from './case-report';
import { formatMarkdownTable, processesTable, resultsTable } from './tables';

export const sectionStart = (name: string) => `<!-- bench:${name}:start -->`;
export const sectionEnd = (name: string) => `<!-- bench:${name}:end -->`;

export function chartFileName(caseName: string, chartId: string): string {
  return `${caseName}-${chartId}.svg`;
}

/** The markdown of one case for docs/benchmarks.md, between its markers. */
export function renderCaseSection(report: CaseReport, chartsPath = 'benchmarks'): string {
  const { result } = report;
  const settings = Object.entries(result.settings)
    .map(([key, value]) => `${key} ${value}`)
    .join(', ');
  const lines = [
    sectionStart(result.name),
    '',
    `## ${result.name}`,
    '',
    result.description,
    '',
    `Measured ${report.startedAt.slice(0, 16).replace('T', ' ')} UTC with:`,
    '',
    '```sh',
    report.command,
    '```',
    '',
    `Machine: ${formatMachine(report.machine)}.`,
    '',
    `Settings: ${settings}.`,
    '',
  ];
  if (result.configs.length > 0) {
    lines.push(
      formatMarkdownTable(resultsTable(result)),
      '',
      'Ratios are against the baseline measured in the same run: a req/s ratio above 1 is faster, ' +
        'p99 and CPU/req ratios above 1 are slower. Peak RSS and CPU are those of the process ' +
        'serving the load, sampled from /proc during the measurement (CPU % of one core; CPU ms/req ' +
        "is its CPU time per response, the figure least moved by the machine's other load).",
      '',
      formatMarkdownTable(processesTable(result)),
      '',
    );
  }
  for (const { title, table } of result.tables ?? []) {
    lines.push(`**${title}**`, '', formatMarkdownTable(table), '');
  }
  for (const chart of result.charts) {
    lines.push(`![${chart.title}](${chartsPath}/${chartFileName(result.name, chart.id)})`, '');
  }
  if (result.notes.length > 0) {
    lines.push(...result.notes.map((note) => `- ${note}`), '');
  }
  lines.push(sectionEnd(result.name));
  return lines.join('\n');
}

/**
 * docs/benchmarks.md from its previous text and fresh sections: cases run now replace
 * their section, the others are kept as they were measured, in `order`.
 */
export function mergeBenchmarksDoc(
  existing: string | undefined,
  intro: string,
  fresh: ReadonlyMap<string, string>,
  order: readonly string[],
): string {
  const sections = new Map<string, string>();
  const pattern = /<!-- bench:([a-z0-9-]+):start -->[\s\S]*?<!-- bench:\1:end -->/g;
  for (const match of (existing ?? '').matchAll(pattern)) sections.set(match[1]!, match[0]);
  for (const [name, text] of fresh) sections.set(name, text);
  const names = [...sections.keys()].sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    if (ia !== ib) return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib);
    return a.localeCompare(b);
  });
  return `${[intro.trimEnd(), ...names.map((name) => sections.get(name)!)].join('\n\n')}\n`;
}
