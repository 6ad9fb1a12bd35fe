import { detectFormat, expandPaths, type IngestFormat } from './detect-format';
import type { IngestProgress, IngestSummary } from './ingest-summary';
import type { IngestTargets } from './ingest-targets';

export interface IngestPathsOptions {
  /** Force one format instead of detecting it per file. */
  format?: IngestFormat;
  /** Called with a label per format, returns that format's progress callback. */
  progress?: (label: string) => IngestProgress;
}

/**
 * Sends files and folders to the subgraphs' ingest paths, each file by its
 * detected format, and returns one summary per format (plus one for files whose
 * format was not recognised, so nothing is silently skipped).
 */
export async function ingestPaths(
  paths: string[],
  targets: IngestTargets,
  options: IngestPathsOptions = {},
): Promise<IngestSummary[]> {
  const byFormat: Record<IngestFormat, string[]> = { fhir: [], hl7v2: [], wearables: [] };
  const unknown: IngestSummary = {
    format: 'unrecognised',
    unit: 'files',
    accepted: 0,
    duplicates: 0,
    rejected: [],
  };
  for (const file of expandPaths(paths)) {
    const format = options.format ?? detectFormat(file);
    if (format) byFormat[format].push(file);
    else
      unknown.rejected.push({
        location: file,
        reason: 'format not recognised (not FHIR, HL7 v2 or a known wearable payload)',
      });
  }
  const progress = options.progress ?? (() => undefined);
  const summaries: IngestSummary[] = [];
  if (byFormat.fhir.length) {
    const { sendFhirFiles } = await import('./fhir.sender');
    summaries.push(await sendFhirFiles(byFormat.fhir, targets.fhir, progress('FHIR')));
  }
  if (byFormat.hl7v2.length) {
    const { sendHl7v2Files } = await import('./hl7v2.sender');
    summaries.push(await sendHl7v2Files(byFormat.hl7v2, targets.hl7v2, progress('HL7 v2')));
  }
  if (byFormat.wearables.length) {
    const { sendWearableFiles } = await import('./wearables.sender');
    summaries.push(
      await sendWearableFiles(byFormat.wearables, targets.wearables, progress('wearables')),
    );
  }
  if (unknown.rejected.length) summaries.push(unknown);
  return summaries;
}

export function printSummaries(
  summaries: IngestSummary[],
  log: (line: string) => void = console.log,
): void {
  for (const summary of summaries) {
    log(
      `${summary.format}: ${summary.accepted} ${summary.unit} accepted, ${summary.duplicates} duplicates, ${summary.rejected.length} rejected`,
    );
    for (const rejection of summary.rejected.slice(0, 50))
      log(`  rejected ${rejection.location}: ${rejection.reason}`);
    if (summary.rejected.length > 50)
      log(`  ... and ${summary.rejected.length - 50} more (all in the dead-letter store)`);
  }
}

/** A TTY progress line per format. */
export function ttyProgress(label: string): IngestProgress {
  return (done, total) => {
    if (!process.stderr.isTTY) return;
    process.stderr.write(`\r  ${label}: ${done}/${total}`);
    if (done === total) process.stderr.write('\n');
  };
}
