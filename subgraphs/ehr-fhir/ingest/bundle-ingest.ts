import {
  countsToExtension,
  emptyCounts,
  type IngestCounts,
} from '../../shared/fhir/ingest-summary-extension';
import {
  badRequest,
  created,
  outcomeHttpStatus,
  outcomeOf,
  statusLine,
  unchanged,
  updated,
  type OperationOutcome,
  type OperationOutcomeIssue,
} from '../../shared/fhir/outcomes';
import { isObject, str, type FhirJson } from '../fhir/fhir-json';
import type { WriteOutcome } from './apply-resources';
import { commitEntries, countEntry, storeLookup } from './commit-entries';
import type { IngestContext } from './ingest-context';
import {
  isValidEntry,
  planBundleEntry,
  planSingleResource,
  type PlannedEntry,
} from './ingest-plan';
import { resolveEntries, type ResolvedEntry } from './resolve-references';

export interface IngestResponse {
  status: number;
  body: FhirJson;
  counts: IngestCounts;
}

/** Bundle types whose entries are stored: the write ones, and the ones that carry resources. */
const BUNDLE_TYPES = [
  'transaction',
  'batch',
  'collection',
  'searchset',
  'history',
  'document',
  'message',
];

function failure(outcome: OperationOutcome, counts = emptyCounts()): IngestResponse {
  return { status: outcomeHttpStatus(outcome), body: outcome as unknown as FhirJson, counts };
}

function successOutcome(result: WriteOutcome['result'] | 'existing'): OperationOutcome {
  if (result === 'created') return created;
  if (result === 'updated' || result === 'deleted') return updated;
  return unchanged;
}

function entryResponse(entry: ResolvedEntry, outcome: WriteOutcome | undefined): FhirJson {
  const warnings = entry.issues.filter(
    (i) => i.severity === 'warning' || i.severity === 'information',
  );
  if (!isValidEntry(entry)) {
    const error = outcomeOf(entry.issues, 'bad-request');
    return { response: { status: statusLine(outcomeHttpStatus(error)), outcome: error } };
  }
  const result = entry.existing ? 'existing' : (outcome?.result ?? 'unchanged');
  const base = successOutcome(result);
  const merged: OperationOutcome = { ...base, issue: [...base.issue, ...warnings] };
  const status = result === 'created' ? 201 : result === 'deleted' || result === 'gone' ? 204 : 200;
  const version = outcome?.versionId;
  return {
    ...(entry.fullUrl ? { fullUrl: entry.fullUrl } : {}),
    response: {
      status: statusLine(status),
      location:
        version && result !== 'gone'
          ? `${entry.resourceType}/${entry.id}/_history/${version}`
          : `${entry.resourceType}/${entry.id}`,
      ...(version ? { etag: `W/"${version}"` } : {}),
      ...(outcome ? { lastModified: outcome.lastUpdated.toISOString() } : {}),
      outcome: merged,
    },
  };
}

/**
 * Ingests a parsed request body: a Bundle (transaction: all or nothing; batch and
 * resource-carrying bundles: entry by entry) or a single resource (a batch of one).
 * Answers a transaction-response/batch-response Bundle, or an OperationOutcome with a
 * 4xx when the request as a whole is unusable or a transaction has an invalid entry.
 */
export async function ingestFhirBody(ctx: IngestContext, body: unknown): Promise<IngestResponse> {
  if (!isObject(body))
    return failure(
      badRequest('The body must be a FHIR resource (JSON object)', undefined, 'structure'),
    );
  if (body.resourceType !== 'Bundle') {
    return ingestEntries(ctx, [planSingleResource(body, 0)], 'batch', true);
  }
  const type = str(body.type);
  if (!type || !BUNDLE_TYPES.includes(type)) {
    return failure(
      badRequest(
        `Bundle.type must be one of ${BUNDLE_TYPES.join(', ')}`,
        'Bundle.type',
        type ? 'not-supported' : 'required',
      ),
    );
  }
  if (body.entry !== undefined && !Array.isArray(body.entry)) {
    return failure(badRequest('Bundle.entry must be a list', 'Bundle.entry', 'structure'));
  }
  const entries = ((body.entry as unknown[] | undefined) ?? []).map((entry, index) =>
    planBundleEntry(entry, index, type),
  );
  return ingestEntries(ctx, entries, type === 'transaction' ? 'transaction' : 'batch', false);
}

async function ingestEntries(
  ctx: IngestContext,
  planned: PlannedEntry[],
  mode: 'transaction' | 'batch',
  single: boolean,
): Promise<IngestResponse> {
  const strict = mode === 'transaction';
  const entries = await resolveEntries(planned, strict, storeLookup(ctx));
  const counts = emptyCounts();
  if ((strict || single) && !entries.every(isValidEntry)) {
    // Nothing of a failing transaction is written; every problem is reported at once.
    const issues: OperationOutcomeIssue[] = entries.flatMap((e) =>
      isValidEntry(e)
        ? []
        : e.issues.filter((i) => i.severity === 'error' || i.severity === 'fatal'),
    );
    counts.rejected = entries.length;
    return failure(outcomeOf(issues, 'bad-request'), counts);
  }
  const { outcomes, patientIds } = await commitEntries(ctx, entries);
  for (const entry of entries) countEntry(counts, entry, outcomes.get(entry));
  if (patientIds.length > 0) {
    const links = await ctx.linker.deliver(patientIds);
    counts.linked = links.linked;
    counts.linkPending = links.pending;
  }
  ctx.logger.info(
    {
      mode,
      entries: entries.length,
      created: counts.created,
      updated: counts.updated,
      unchanged: counts.unchanged,
      rejected: counts.rejected,
      linkPending: counts.linkPending,
    },
    'fhir ingest',
  );
  return {
    status: 200,
    counts,
    body: {
      resourceType: 'Bundle',
      type: `${mode}-response`,
      meta: {
        lastUpdated: (ctx.now?.() ?? new Date()).toISOString(),
        extension: [countsToExtension(counts)],
      },
      entry: entries.map((e) => entryResponse(e, outcomes.get(e))),
    },
  };
}
