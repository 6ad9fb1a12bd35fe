import fs from 'node:fs';
import path from 'node:path';
import {
  detectWearablePayload,
  type WearablePayloadKind,
} from '../../subgraphs/wearables/ingest/payload-kind';
import type {
  IngestProgress,
  IngestRejection,
  IngestSummary,
  IngestTarget,
} from './ingest-summary';

export { detectWearablePayload, type WearablePayloadKind };

/** Folders whose sub-folder names are account ids (`fitbit/<userId>/heart-<date>.json`). */
const VENDOR_FOLDERS = new Set(['fitbit', 'dexcom', 'googlefit', 'ihealth', 'withings', 'omh']);
const CONCURRENCY = 4;
const REQUEST_TIMEOUT_MS = 10 * 60_000;

export interface WearablesSendSummary extends IngestSummary {
  enrollments: { accepted: number; duplicates: number; pending: number };
}

interface Classified {
  file: string;
  kind: WearablePayloadKind;
}

/**
 * The vendor account a data file belongs to, from the generator's layout
 * (`<vendor>/<accountId>/<file>.json`). Vendor APIs put the account in the URL,
 * not the response, so a file saved from one carries it only in its path.
 */
export function accountFromPath(file: string): string | null {
  const parent = path.dirname(file);
  return VENDOR_FOLDERS.has(path.basename(path.dirname(parent))) ? path.basename(parent) : null;
}

function classify(files: string[], rejected: IngestRejection[]): Classified[] {
  const classified: Classified[] = [];
  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      rejected.push({ location: file, reason: `not JSON: ${(error as Error).message}` });
      continue;
    }
    const kind = detectWearablePayload(json);
    if (kind) classified.push({ file, kind });
    else rejected.push({ location: file, reason: 'not a wearable payload this subgraph knows' });
  }
  // Enrollments first: data that follows finds its account's zone and patient.
  return classified.sort(
    (a, b) =>
      Number(b.kind === 'enrollment') - Number(a.kind === 'enrollment') ||
      a.file.localeCompare(b.file),
  );
}

interface ResponseBody {
  accepted?: number;
  duplicates?: number;
  rejected?: IngestRejection[];
  enrollments?: { linkStatus?: string; duplicate?: boolean }[];
  error?: { code?: string; message?: string; problems?: string[] };
}

async function post(
  target: IngestTarget,
  item: Classified,
): Promise<{ status: number; body: ResponseBody }> {
  const url = new URL(
    item.kind === 'enrollment' ? '/enrollments' : `/ingest/${item.kind}`,
    target.baseUrl,
  );
  const account = item.kind === 'enrollment' ? null : accountFromPath(item.file);
  if (account) url.searchParams.set('account', account);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${target.serviceToken}`,
    },
    body: fs.readFileSync(item.file),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const body = (await response.json().catch(() => ({}))) as ResponseBody;
  return { status: response.status, body };
}

/**
 * Sends wearable payload files to the wearables subgraph: each file's kind is
 * detected from its JSON shape, enrollments go first (`POST /enrollments`), then
 * data (`POST /ingest/<kind>?account=<folder name>`), a few at a time. Returns
 * one summary over all files; every rejection names its file.
 */
export async function sendWearableFiles(
  files: string[],
  target: IngestTarget,
  progress?: IngestProgress,
): Promise<WearablesSendSummary> {
  const summary: WearablesSendSummary = {
    format: 'wearables',
    unit: 'records',
    accepted: 0,
    duplicates: 0,
    rejected: [],
    enrollments: { accepted: 0, duplicates: 0, pending: 0 },
  };
  const items = classify(files, summary.rejected);
  let done = 0;
  progress?.(done, items.length);
  const record = (item: Classified, status: number, body: ResponseBody) => {
    summary.accepted += body.accepted ?? 0;
    summary.duplicates += body.duplicates ?? 0;
    for (const rejection of body.rejected ?? []) {
      summary.rejected.push({
        location: rejection.location === '$' ? item.file : `${item.file} ${rejection.location}`,
        reason: rejection.reason,
      });
    }
    if (item.kind === 'enrollment') {
      summary.enrollments.accepted += body.accepted ?? 0;
      summary.enrollments.duplicates += body.duplicates ?? 0;
      summary.enrollments.pending += (body.enrollments ?? []).filter(
        (e) => e.linkStatus !== 'linked',
      ).length;
    }
    if (status >= 400 && !body.rejected?.length) {
      const problems = body.error?.problems?.length ? ` (${body.error.problems.join('; ')})` : '';
      summary.rejected.push({
        location: item.file,
        reason: `HTTP ${status} ${body.error?.code ?? ''}: ${body.error?.message ?? 'no reason given'}${problems}`,
      });
    }
  };
  const send = async (item: Classified) => {
    try {
      const { status, body } = await post(target, item);
      record(item, status, body);
    } catch (error) {
      summary.rejected.push({
        location: item.file,
        reason: `wearables subgraph unreachable at ${target.baseUrl}: ${(error as Error).message}`,
      });
    }
    progress?.(++done, items.length);
  };
  const enrollments = items.filter((item) => item.kind === 'enrollment');
  const data = items.filter((item) => item.kind !== 'enrollment');
  for (const batch of [enrollments, data]) {
    const queue = [...batch];
    const worker = async () => {
      for (let item = queue.shift(); item; item = queue.shift()) await send(item);
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  }
  return summary;
}
