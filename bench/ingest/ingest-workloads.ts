import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { accountFromPath, detectWearablePayload } from '../../cli/ingest/wearables.sender';
import { readAck } from '../../subgraphs/ehr-hl7v2/ack/ack-reader';
import { decodeHl7Bytes } from '../../subgraphs/ehr-hl7v2/hl7/hl7-charset';
import { splitHl7Messages } from '../../subgraphs/ehr-hl7v2/hl7/hl7-split';
import { MllpClient } from '../../subgraphs/ehr-hl7v2/mllp/mllp-client';
import { countsFromExtensions } from '../../subgraphs/shared/fhir/ingest-summary-extension';

/** What one ingest run did: items stored, items refused, and each request's latency. */
export interface IngestRun {
  items: number;
  rejected: number;
  requests: number;
  seconds: number;
  latenciesMs: number[];
}

/** Requests (or MLLP connections) in flight at once, as the CLI senders use. */
export const INGEST_CONCURRENCY = 4;

interface Job {
  send(): Promise<{ items: number; rejected: number }>;
}

async function runJobs(jobs: Job[], concurrency = INGEST_CONCURRENCY): Promise<IngestRun> {
  const run: IngestRun = { items: 0, rejected: 0, requests: 0, seconds: 0, latenciesMs: [] };
  const queue = [...jobs];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        const sent = performance.now();
        const outcome = await job.send();
        run.latenciesMs.push(performance.now() - sent);
        run.requests++;
        run.items += outcome.items;
        run.rejected += outcome.rejected;
      }
    }),
  );
  run.seconds = (performance.now() - started) / 1000;
  return run;
}

async function post(url: string, token: string, contentType: string, body: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType, authorization: `Bearer ${token}` },
    body,
    signal: AbortSignal.timeout(10 * 60_000),
  });
  return { status: response.status, json: (await response.json().catch(() => ({}))) as unknown };
}

interface FhirBundle {
  resourceType: string;
  entry?: { fullUrl?: string; resource?: { resourceType: string; id: string } }[];
}

/** Transaction bundles (one per patient, as the generator writes them) to POST /fhir. */
export async function ingestFhirBundles(
  files: readonly string[],
  baseUrl: string,
  token: string,
): Promise<IngestRun> {
  // Read before the clock starts: the load generator shares the CPUs it measures.
  const bundles = files.map((file) => {
    const text = fs.readFileSync(file, 'utf8');
    return { text, entries: (JSON.parse(text) as FhirBundle).entry?.length ?? 0 };
  });
  return runJobs(
    bundles.map(({ text, entries }) => ({
      async send() {
        const { status, json } = await post(
          `${baseUrl}/fhir`,
          token,
          'application/fhir+json',
          text,
        );
        const answer = json as { entry?: { response?: { status?: string } }[] };
        const stored = (answer.entry ?? []).filter((e) =>
          /^2\d\d/.test(e.response?.status ?? ''),
        ).length;
        return status < 300
          ? { items: stored, rejected: entries - stored }
          : { items: 0, rejected: entries };
      },
    })),
  );
}

/**
 * The same resources as Bulk Data NDJSON (one resource per line, `patientsPerFile`
 * patients a file), references made relative (`urn:uuid:<id>` -> `Type/<id>`) as
 * a bulk export writes them.
 */
export function bundlesToNdjson(files: readonly string[], patientsPerFile: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < files.length; i += patientsPerFile) {
    const lines: string[] = [];
    for (const file of files.slice(i, i + patientsPerFile)) {
      const bundle = JSON.parse(fs.readFileSync(file, 'utf8')) as FhirBundle;
      const types = new Map<string, string>();
      for (const entry of bundle.entry ?? [])
        if (entry.fullUrl && entry.resource) types.set(entry.fullUrl, entry.resource.resourceType);
      for (const entry of bundle.entry ?? []) {
        if (!entry.resource) continue;
        lines.push(
          JSON.stringify(entry.resource).replace(
            /"reference":"(urn:uuid:[^"]+)"/g,
            (match, urn: string) => {
              const type = types.get(urn);
              return type ? `"reference":"${type}/${urn.slice('urn:uuid:'.length)}"` : match;
            },
          ),
        );
      }
    }
    out.push(`${lines.join('\n')}\n`);
  }
  return out;
}

/** NDJSON bodies to POST /fhir/$ndjson. */
export async function ingestFhirNdjson(
  bodies: readonly string[],
  baseUrl: string,
  token: string,
): Promise<IngestRun> {
  const files = bodies.map((body) => ({ body, lines: body.split('\n').filter(Boolean).length }));
  return runJobs(
    files.map(({ body, lines }) => ({
      async send() {
        const { status, json } = await post(
          `${baseUrl}/fhir/$ndjson`,
          token,
          'application/fhir+ndjson',
          body,
        );
        const counts = countsFromExtensions((json as { extension?: unknown }).extension);
        if (status >= 400 || !counts) return { items: 0, rejected: lines };
        return {
          items: counts.created + counts.updated + counts.unchanged + counts.deleted,
          rejected: counts.rejected,
        };
      },
    })),
  );
}

/** MLLP messages a connection sends ahead of their ACKs (the CLI sender allows 256). */
export const MLLP_WINDOW = 64;

/**
 * HL7 v2 over MLLP as `npx patientgraph ingest` sends it: a few connections, each
 * taking whole files (a patient's ADT and ORU stay in order on one connection) and
 * sending up to MLLP_WINDOW messages ahead of their ACKs, which come back in order.
 * Every ACK is read: AA/CA stored, anything else refused. Latency is per message,
 * from its send to its ACK (queueing in the window included).
 */
export async function ingestHl7Mllp(
  files: readonly string[],
  mllp: { host: string; port: number },
  window = MLLP_WINDOW,
): Promise<IngestRun> {
  const messages = files.flatMap((file) =>
    splitHl7Messages(decodeHl7Bytes(fs.readFileSync(file)))
      .filter((m) => !m.error)
      .map((m) => ({ file, text: m.text })),
  );
  const run: IngestRun = { items: 0, rejected: 0, requests: 0, seconds: 0, latenciesMs: [] };
  const byFile = new Map<string, string[]>();
  for (const m of messages) byFile.set(m.file, [...(byFile.get(m.file) ?? []), m.text]);
  const queue = [...byFile.values()];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(INGEST_CONCURRENCY, queue.length) }, async () => {
      const client = await MllpClient.connect(mllp.host, mllp.port);
      const inFlight: Promise<void>[] = [];
      try {
        for (let file = queue.shift(); file; file = queue.shift()) {
          for (const text of file) {
            const sent = performance.now();
            inFlight.push(
              client.send(text).then((ackText) => {
                run.latenciesMs.push(performance.now() - sent);
                run.requests++;
                const ack = readAck(ackText);
                if (ack.code === 'AA' || ack.code === 'CA') run.items++;
                else run.rejected++;
              }),
            );
            if (inFlight.length >= window) await inFlight.shift();
          }
        }
        await Promise.all(inFlight);
      } finally {
        await client.close();
      }
    }),
  );
  run.seconds = (performance.now() - started) / 1000;
  return run;
}

interface WearableFile {
  file: string;
  kind: string;
}

function classifyWearableFiles(files: readonly string[]): WearableFile[] {
  return files.flatMap((file) => {
    const kind = detectWearablePayload(JSON.parse(fs.readFileSync(file, 'utf8')));
    return kind ? [{ file, kind }] : [];
  });
}

/** Enrollments first (not timed: they are account set-up, not data). */
export async function enrollWearables(files: readonly string[], baseUrl: string, token: string) {
  const enrollments = classifyWearableFiles(files).filter((f) => f.kind === 'enrollment');
  return runJobs(
    enrollments.map(({ file }) => ({
      async send() {
        const { status } = await post(
          `${baseUrl}/enrollments`,
          token,
          'application/json',
          fs.readFileSync(file, 'utf8'),
        );
        return { items: status < 300 ? 1 : 0, rejected: status < 300 ? 0 : 1 };
      },
    })),
  );
}

/** Vendor payloads (Fitbit, Dexcom, ...) to POST /ingest/<kind>?account=; items are data points. */
export async function ingestWearables(
  files: readonly string[],
  baseUrl: string,
  token: string,
): Promise<IngestRun> {
  // Read before the clock starts: the load generator shares the CPUs it measures.
  const payloads = classifyWearableFiles(files)
    .filter((f) => f.kind !== 'enrollment')
    .map(({ file, kind }) => {
      const url = new URL(`/ingest/${kind}`, baseUrl);
      const account = accountFromPath(file);
      if (account) url.searchParams.set('account', account);
      return { url: url.toString(), body: fs.readFileSync(file, 'utf8') };
    });
  return runJobs(
    payloads.map(({ url, body }) => ({
      async send() {
        const { status, json } = await post(url, token, 'application/json', body);
        const summary = json as { accepted?: number; duplicates?: number; rejected?: unknown[] };
        if (status >= 400) return { items: 0, rejected: 1 };
        return {
          items: (summary.accepted ?? 0) + (summary.duplicates ?? 0),
          rejected: summary.rejected?.length ?? 0,
        };
      },
    })),
  );
}
