import fs from 'node:fs';
import path from 'node:path';
import type { CaseReport } from './case-report';
import { chartFileName, mergeBenchmarksDoc, renderCaseSection } from './markdown-section';
import { renderLineChart } from './svg-line-chart';

export const BENCHMARKS_INTRO = `# Benchmarks

Written by the benchmark harness (\`bench/\`); edit the harness, not this file. Run every case
with \`npm run bench\`, one with \`npm run bench -- <case>\` (cases: CASES). Options:
\`--duration <s>\` (measured seconds per configuration, default 20), \`--warmup <s>\` (default 10),
\`--connections <n>\` (default 50), \`--no-docs\` (print only); or the environment variables
\`BENCH_DURATION\`, \`BENCH_WARMUP\`, \`BENCH_CONNECTIONS\`. The same runs without the CLI:
\`node -r @swc-node/register bench/run-benchmarks.ts [case...] [options]\`.

Every server runs in its own process on loopback; the load generator (autocannon, or the
harness's own closed-loop driver when requests vary) runs in the harness process. Each case
measures its baseline in the same run and reports ratios to it: absolute figures drift with
whatever else the machine is doing, ratios far less. The absolute targets (ingest rates, the
summary's p99) are set for the 2-core machine; how fast that machine was during a run shows in
the federation case's stock Apollo Gateway figure, measured in the same run (published: about 91
requests/s on 3 CPUs; 102, then 74.6 on this project's Intel machines in earlier runs of record,
the 74.6 run meeting every absolute target: 5,986 FHIR resources/s, 2,601 HL7 v2 messages/s,
107,979 wearable points/s, summary p99 92.7 ms).

The scaling, patient-summary, ingest and consent cases share one running stack per run (built by
the first of them, stopped after the last): anvil with the consent registry, the four subgraph
processes with SQLite stores and the gateway, as \`npm start\` runs them, with 20 generated patients
sent through the vendors' ingest paths and consented on chain, then grown to 1,000 and 10,000
patients by cloning those patients' rows in SQL (bench/population/). They run in that order
because the population only grows. The patient summary measures on three more sets of a gateway and
four subgraphs over the same stores, started alike once the population is built: one with the
policy on, one with it off, and one whose subgraphs the direct baseline calls (see its notes). Environment: \`BENCH_SCALING_SIZES=1000,10000,100000\` (larger
populations, beyond the 10-minute suite), \`BENCH_PROFILE_DIR=<dir>\` (a V8 CPU profile of every stack
process, summarized by \`node -r @swc-node/register bench/profile-report.ts <dir>\`; with
\`BENCH_PROFILE_SERVICES=gateway\` only of those services, since sampling every process on two cores slows them all),
\`BENCH_KEEP_STATE=1\` (keep the stores and logs), \`BENCH_SUMMARY_CALIBRATE=1\` (an A/A patient summary: its
policy-off side runs with the policy on, so the ratios show the method's own error).`;

async function formatWithPrettier(text: string, file: string): Promise<string> {
  try {
    // Optional: keeps the file as `npm run lint` (prettier --check) wants it when the
    // dev dependency is installed; the unformatted text is still valid markdown.
    const prettier = await import('prettier');
    const config = (await prettier.resolveConfig(file)) ?? {};
    return await prettier.format(text, { ...config, filepath: file });
  } catch {
    return text;
  }
}

/** Writes the cases' sections into the benchmarks document and their charts beside it. */
export async function writeBenchmarksDoc(
  docFile: string,
  reports: readonly CaseReport[],
  caseOrder: readonly string[],
): Promise<string[]> {
  const chartsDir = path.join(path.dirname(docFile), 'benchmarks');
  const written: string[] = [];
  const fresh = new Map<string, string>();
  for (const report of reports) {
    fresh.set(report.result.name, renderCaseSection(report, path.basename(chartsDir)));
    for (const chart of report.result.charts) {
      fs.mkdirSync(chartsDir, { recursive: true });
      const file = path.join(chartsDir, chartFileName(report.result.name, chart.id));
      fs.writeFileSync(file, renderLineChart(chart));
      written.push(file);
    }
  }
  const existing = fs.existsSync(docFile) ? fs.readFileSync(docFile, 'utf8') : undefined;
  const intro = BENCHMARKS_INTRO.replace('CASES', caseOrder.join(', '));
  const text = await formatWithPrettier(
    mergeBenchmarksDoc(existing, intro, fresh, caseOrder),
    docFile,
  );
  fs.mkdirSync(path.dirname(docFile), { recursive: true });
  fs.writeFileSync(docFile, text);
  written.unshift(docFile);
  return written;
}
