import path from 'node:path';
import { Command } from 'commander';
import type { IngestFormat } from '../ingest/detect-format';

interface IngestOptions {
  format?: IngestFormat;
  fhirUrl?: string;
  hl7v2Url?: string;
  mllp?: string;
  wearablesUrl?: string;
  json?: boolean;
}

export function ingestCommand(): Command {
  return new Command('ingest')
    .description(
      "Feed files or folders to the running subgraphs' ingest paths (format detected per file); rejected inputs go to the dead-letter store",
    )
    .argument('<paths...>', 'files or folders (searched recursively)')
    .option('-f, --format <format>', 'fhir | hl7v2 | wearables (default: detect per file)')
    .option('--fhir-url <url>', 'ehr-fhir subgraph base URL')
    .option('--hl7v2-url <url>', 'ehr-hl7v2 subgraph base URL')
    .option('--mllp <host:port>', 'ehr-hl7v2 MLLP listener')
    .option('--wearables-url <url>', 'wearables subgraph base URL')
    .option('--json', 'print the summaries as JSON')
    .action(async (paths: string[], options: IngestOptions) => {
      const { INGEST_FORMATS } = await import('../ingest/detect-format');
      const { resolveIngestTargets } = await import('../ingest/ingest-targets');
      const { ingestPaths, printSummaries, ttyProgress } = await import('../ingest/ingest-paths');
      const { writeDeadLetters } = await import('../ingest/dead-letter');
      const { stateDir } = await import('../../subgraphs/shared/config/project-paths');
      if (options.format && !INGEST_FORMATS.includes(options.format)) {
        throw new Error(`--format must be one of ${INGEST_FORMATS.join(', ')}`);
      }
      const summaries = await ingestPaths(paths, resolveIngestTargets(options), {
        format: options.format,
        progress: ttyProgress,
      });
      if (options.json) console.log(JSON.stringify(summaries, null, 2));
      else printSummaries(summaries);
      const deadLetters = writeDeadLetters(path.join(stateDir(), 'dead-letter'), summaries);
      if (deadLetters) {
        console.error(`rejected inputs and their reasons: ${deadLetters}`);
        process.exitCode = 2;
      }
    });
}
