import { Command } from 'commander';
import type { IngestFormat } from '../ingest/detect-format';
import type { IngestSummary, IngestTarget } from '../ingest/ingest-summary';

interface IngestOptions {
  format?: IngestFormat;
  fhirUrl?: string;
  hl7v2Url?: string;
  mllp?: string;
  wearablesUrl?: string;
  json?: boolean;
}

function printSummary(summary: IngestSummary): void {
  console.log(
    `${summary.format}: ${summary.accepted} ${summary.unit} accepted, ${summary.duplicates} duplicates, ${summary.rejected.length} rejected`,
  );
  for (const rejection of summary.rejected.slice(0, 50)) {
    console.log(`  rejected ${rejection.location}: ${rejection.reason}`);
  }
  if (summary.rejected.length > 50) console.log(`  ... and ${summary.rejected.length - 50} more`);
}

export function ingestCommand(): Command {
  return new Command('ingest')
    .description(
      "Feed files or folders to the running subgraphs' ingest paths (format detected per file)",
    )
    .argument('<paths...>', 'files or folders (searched recursively)')
    .option('-f, --format <format>', 'fhir | hl7v2 | wearables (default: detect per file)')
    .option('--fhir-url <url>', 'ehr-fhir subgraph base URL')
    .option('--hl7v2-url <url>', 'ehr-hl7v2 subgraph base URL')
    .option('--mllp <host:port>', 'ehr-hl7v2 MLLP listener')
    .option('--wearables-url <url>', 'wearables subgraph base URL')
    .option('--json', 'print the summaries as JSON')
    .action(async (paths: string[], options: IngestOptions) => {
      const { detectFormat, expandPaths, INGEST_FORMATS } = await import('../ingest/detect-format');
      const { resolveIngestTargets } = await import('../ingest/ingest-targets');
      if (options.format && !INGEST_FORMATS.includes(options.format)) {
        throw new Error(`--format must be one of ${INGEST_FORMATS.join(', ')}`);
      }
      const files = expandPaths(paths);
      const byFormat: Record<IngestFormat, string[]> = { fhir: [], hl7v2: [], wearables: [] };
      const unknown: IngestSummary = {
        format: 'unrecognised',
        unit: 'files',
        accepted: 0,
        duplicates: 0,
        rejected: [],
      };
      for (const file of files) {
        const format = options.format ?? detectFormat(file);
        if (format) byFormat[format].push(file);
        else
          unknown.rejected.push({
            location: file,
            reason: 'format not recognised (not FHIR, HL7 v2 or a known wearable payload)',
          });
      }
      const targets = resolveIngestTargets(options);
      const progress = (label: string) => (done: number, total: number) => {
        if (process.stderr.isTTY) process.stderr.write(`\r  ${label}: ${done}/${total}`);
        if (done === total && process.stderr.isTTY) process.stderr.write('\n');
      };
      const summaries: IngestSummary[] = [];
      if (byFormat.fhir.length) {
        const { sendFhirFiles } = await import('../ingest/fhir.sender');
        summaries.push(await sendFhirFiles(byFormat.fhir, targets.fhir, progress('FHIR')));
      }
      if (byFormat.hl7v2.length) {
        const { sendHl7v2Files } = await import('../ingest/hl7v2.sender');
        summaries.push(await sendHl7v2Files(byFormat.hl7v2, targets.hl7v2, progress('HL7 v2')));
      }
      if (byFormat.wearables.length) {
        const { sendWearableFiles } = await import('../ingest/wearables.sender');
        summaries.push(
          await sendWearableFiles(byFormat.wearables, targets.wearables, progress('wearables')),
        );
      }
      if (unknown.rejected.length) summaries.push(unknown);
      if (options.json) console.log(JSON.stringify(summaries, null, 2));
      else summaries.forEach(printSummary);
      if (summaries.some((s) => s.rejected.length > 0)) process.exitCode = 2;
    });
}

export type { IngestTarget };
