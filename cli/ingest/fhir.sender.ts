import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { countsFromExtensions } from '../../subgraphs/shared/fhir/ingest-summary-extension';
import type { IngestProgress, IngestSummary, IngestTarget } from './ingest-summary';
import { emptySummary } from './ingest-summary';

/** The subset of FHIR JSON the sender reads from the subgraph's answers. */
interface OutcomeIssue {
  severity?: string;
  code?: string;
  diagnostics?: string;
  expression?: string[];
  details?: { text?: string; coding?: { code?: string }[] };
}
interface Outcome {
  resourceType?: string;
  id?: string;
  issue?: OutcomeIssue[];
  extension?: unknown[];
}
interface ResponseBundle {
  resourceType?: string;
  meta?: { extension?: unknown[] };
  entry?: { response?: { status?: string; outcome?: Outcome } }[];
}

/** Thrown for failures that make every other file fail too (wrong token, subgraph down). */
export class FhirSendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FhirSendError';
  }
}

function issueText(issue: OutcomeIssue): string {
  const text = issue.diagnostics ?? issue.details?.text ?? issue.code ?? 'rejected';
  return issue.expression?.length ? `${text} (at ${issue.expression.join(', ')})` : text;
}

function errorIssues(outcome: Outcome | undefined): OutcomeIssue[] {
  return (outcome?.issue ?? []).filter((i) => i.severity === 'error' || i.severity === 'fatal');
}

function isUnchanged(outcome: Outcome | undefined): boolean {
  return (outcome?.issue ?? []).some((i) => i.details?.coding?.some((c) => c.code === 'unchanged'));
}

async function post(
  target: IngestTarget,
  route: string,
  contentType: string,
  body: string | ReadableStream,
): Promise<{ status: number; json: unknown }> {
  let response: Response;
  try {
    response = await fetch(new URL(route, target.baseUrl), {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: `Bearer ${target.serviceToken}` },
      body,
      // Streams need half-duplex in Node's fetch.
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
  } catch (error) {
    throw new FhirSendError(
      `ehr-fhir at ${target.baseUrl} did not answer: ${(error as Error).message}`,
    );
  }
  if (response.status === 401) {
    throw new FhirSendError('ehr-fhir refused the service token (401)');
  }
  const text = await response.text();
  try {
    return { status: response.status, json: JSON.parse(text) };
  } catch {
    return {
      status: response.status,
      json: { issue: [{ severity: 'error', diagnostics: text.slice(0, 200) }] },
    };
  }
}

/** Adds a Bundle answer (batch/transaction-response, or a 4xx OperationOutcome) to the summary. */
function addBundleAnswer(
  summary: IngestSummary,
  file: string,
  entryCount: number,
  status: number,
  answer: ResponseBundle & Outcome,
): void {
  if (answer.resourceType === 'Bundle' && Array.isArray(answer.entry)) {
    answer.entry.forEach((entry, index) => {
      const code = Number(entry.response?.status?.slice(0, 3));
      if (code >= 200 && code < 300) {
        if (isUnchanged(entry.response?.outcome)) summary.duplicates++;
        else summary.accepted++;
      } else {
        summary.rejected.push({
          location: `${file}#entry[${index}]`,
          reason:
            errorIssues(entry.response?.outcome).map(issueText).join('; ') ||
            `entry answered ${entry.response?.status ?? 'nothing'}`,
        });
      }
    });
    return;
  }
  // The whole request was refused: a transaction with a bad entry (nothing was
  // stored), or a body the subgraph could not use. Every entry is accounted for.
  const issues = errorIssues(answer);
  const byEntry = new Map<number, string[]>();
  const general: string[] = [];
  for (const issue of issues) {
    const match = /^Bundle\.entry\[(\d+)\]/.exec(issue.expression?.[0] ?? '');
    if (match)
      byEntry.set(Number(match[1]), [...(byEntry.get(Number(match[1])) ?? []), issueText(issue)]);
    else general.push(issueText(issue));
  }
  if (entryCount === 0 || byEntry.size === 0) {
    summary.rejected.push({
      location: file,
      reason: `${status}: ${general.join('; ') || 'refused by ehr-fhir'}`,
    });
    return;
  }
  for (let index = 0; index < entryCount; index++) {
    summary.rejected.push({
      location: `${file}#entry[${index}]`,
      reason:
        byEntry.get(index)?.join('; ') ??
        'not stored: the transaction was rolled back because other entries are invalid',
    });
  }
}

async function sendJsonFile(summary: IngestSummary, file: string, target: IngestTarget) {
  const text = await fs.promises.readFile(file, 'utf8');
  let entryCount = 1;
  try {
    const parsed = JSON.parse(text) as { resourceType?: string; entry?: unknown[] };
    if (parsed.resourceType === 'Bundle')
      entryCount = Array.isArray(parsed.entry) ? parsed.entry.length : 0;
  } catch {
    summary.rejected.push({ location: file, reason: 'not valid JSON' });
    return;
  }
  const { status, json } = await post(target, '/fhir', 'application/fhir+json', text);
  const answer = json as ResponseBundle & Outcome;
  if (answer.resourceType === 'Bundle' || status >= 400) {
    addBundleAnswer(summary, file, entryCount, status, answer);
  } else {
    summary.rejected.push({ location: file, reason: `unexpected answer ${status}` });
  }
}

async function sendNdjsonFile(summary: IngestSummary, file: string, target: IngestTarget) {
  const stream = Readable.toWeb(fs.createReadStream(file)) as ReadableStream;
  const { status, json } = await post(target, '/fhir/$ndjson', 'application/fhir+ndjson', stream);
  const outcome = json as Outcome;
  const counts = countsFromExtensions(outcome.extension);
  if (status >= 400 || !counts) {
    summary.rejected.push({
      location: file,
      reason: `${status}: ${errorIssues(outcome).map(issueText).join('; ') || 'refused by ehr-fhir'}`,
    });
    return;
  }
  summary.accepted += counts.created + counts.updated + counts.deleted;
  summary.duplicates += counts.unchanged;
  let listed = 0;
  for (const issue of errorIssues(outcome)) {
    const line = /^line (\d+): /.exec(issue.diagnostics ?? '');
    if (!line) continue;
    listed++;
    summary.rejected.push({
      location: `${file}:${line[1]}`,
      reason: issueText({ ...issue, diagnostics: issue.diagnostics!.slice(line[0].length) }),
    });
  }
  // The subgraph lists at most a thousand bad lines; the rest are still counted.
  for (let i = listed; i < counts.rejected; i++) {
    summary.rejected.push({ location: file, reason: 'rejected line (not listed by ehr-fhir)' });
  }
}

/**
 * Sends FHIR files to the ehr-fhir subgraph: `.json` files (a Bundle of any type, or
 * one resource) to `POST /fhir`, `.ndjson` files (Bulk Data, one resource per line)
 * streamed to `POST /fhir/$ndjson`. Resources are counted as accepted (created or
 * updated), duplicates (same content already stored) or rejected with where and why.
 */
export async function sendFhirFiles(
  files: string[],
  target: IngestTarget,
  progress?: IngestProgress,
): Promise<IngestSummary> {
  const summary = emptySummary('FHIR R4', 'resources');
  let done = 0;
  for (const file of files) {
    try {
      if (/\.ndjson$/i.test(file)) await sendNdjsonFile(summary, file, target);
      else await sendJsonFile(summary, file, target);
    } catch (error) {
      if (error instanceof FhirSendError) throw error;
      summary.rejected.push({ location: file, reason: (error as Error).message });
    }
    progress?.(++done, files.length);
  }
  return summary;
}

/** For callers that list a folder: the files this sender handles. */
export function isFhirFile(file: string): boolean {
  return ['.json', '.ndjson'].includes(path.extname(file).toLowerCase());
}
