import {
  countsToExtension,
  emptyCounts,
  type IngestCounts,
} from '../../shared/fhir/ingest-summary-extension';
import type { OperationOutcome, OperationOutcomeIssue } from '../../shared/fhir/outcomes';
import type { FhirJson } from '../fhir/fhir-json';
import { commitEntries, countEntry, storeLookup } from './commit-entries';
import type { IngestContext } from './ingest-context';
import { isValidEntry, planSingleResource, type PlannedEntry } from './ingest-plan';
import type { NdjsonLine } from './ndjson-lines';
import { resolveEntries } from './resolve-references';

/** Lines written per database transaction: large enough for bulk inserts, small enough for flat memory. */
const CHUNK_LINES = 1000;
/** Issues listed in the answer; past this only counted (a broken file must not make a huge answer). */
const MAX_LISTED_ISSUES = 1000;

export interface NdjsonIngestResult {
  status: number;
  body: FhirJson;
  counts: IngestCounts;
}

function lineIssue(
  line: number,
  code: OperationOutcomeIssue['code'],
  text: string,
  expression?: string[],
) {
  return {
    severity: 'error' as const,
    code,
    diagnostics: `line ${line}: ${text}`,
    ...(expression ? { expression } : {}),
  };
}

/**
 * Ingests FHIR Bulk Data NDJSON (https://hl7.org/fhir/uv/bulkdata/): one resource per
 * line, each line independent (a bad line is reported and skipped, the others are
 * stored). Lines are processed in chunks as they arrive, so memory stays flat
 * whatever the file size. Answers an OperationOutcome: an information issue with the
 * totals (also as the ingest-summary extension) and one error issue per bad line.
 */
export async function ingestNdjson(
  ctx: IngestContext,
  lines: AsyncIterable<NdjsonLine>,
): Promise<NdjsonIngestResult> {
  const counts = emptyCounts();
  const issues: OperationOutcomeIssue[] = [];
  let unlisted = 0;
  const report = (issue: OperationOutcomeIssue) => {
    if (issues.length < MAX_LISTED_ISSUES) issues.push(issue);
    else unlisted++;
  };
  let chunk: PlannedEntry[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    const entries = await resolveEntries(chunk, false, storeLookup(ctx));
    chunk = [];
    const { outcomes, patientIds } = await commitEntries(ctx, entries);
    for (const entry of entries) {
      countEntry(counts, entry, outcomes.get(entry));
      if (!isValidEntry(entry)) {
        for (const issue of entry.issues.filter((i) => i.severity === 'error')) {
          report(
            lineIssue(entry.index, issue.code, issue.diagnostics ?? 'invalid', issue.expression),
          );
        }
      }
    }
    if (patientIds.length > 0) {
      const links = await ctx.linker.deliver(patientIds);
      counts.linked += links.linked;
      counts.linkPending += links.pending;
    }
  };

  for await (const line of lines) {
    if (line.tooLong || line.text === null) {
      counts.rejected++;
      report(lineIssue(line.number, 'too-long', 'the line is too long to be one resource'));
      continue;
    }
    let resource: unknown;
    try {
      resource = JSON.parse(line.text);
    } catch {
      counts.rejected++;
      report(lineIssue(line.number, 'structure', 'not valid JSON'));
      continue;
    }
    chunk.push(planSingleResource(resource, line.number));
    if (chunk.length >= CHUNK_LINES) await flush();
  }
  await flush();
  if (unlisted > 0) {
    issues.push({
      severity: 'error',
      code: 'too-costly',
      diagnostics: `${unlisted} more rejected lines are not listed`,
    });
  }
  const total = counts.created + counts.updated + counts.unchanged + counts.deleted;
  ctx.logger.info(
    { mode: 'ndjson', stored: total, created: counts.created, rejected: counts.rejected },
    'fhir ingest',
  );
  const outcome: OperationOutcome & { extension: unknown[] } = {
    resourceType: 'OperationOutcome',
    id: 'ndjson-ingest',
    extension: [countsToExtension(counts)],
    issue: [
      {
        severity: 'information',
        code: 'informational',
        diagnostics: `${total} resources stored (${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged), ${counts.rejected} lines rejected`,
      },
      ...issues,
    ],
  };
  return { status: 200, body: outcome as unknown as FhirJson, counts };
}
