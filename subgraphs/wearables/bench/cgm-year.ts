import { formatInstant, zoneOffsetAt } from '../mappers/time';

/**
 * A year of Dexcom readings for one patient, the size a real CGM stream reaches:
 * 365 days x 288 readings = 105,120 points, sent as the Dexcom API returns them
 * (v3 EGVs, at most 30 days per request), then read back as daily buckets.
 * Used by cgm-year.int.test.ts (correctness at scale) and runnable on its own
 * against a running subgraph to measure ingest speed:
 *   node --expose-gc -r @swc-node/register subgraphs/wearables/bench/cgm-year.ts [wearables-url]
 */
export const YEAR_START = '2025-01-01T00:00:00-05:00';
export const YEAR_END = '2026-01-01T00:00:00-05:00';
const ZONE = 'America/New_York';
const STEP_MS = 300_000;
export const READINGS = 365 * 288;

/** Deterministic glucose: a daily wave and a weekly one around 150 mg/dL. */
export function readingValue(index: number): number {
  const day = (index % 288) / 288;
  const week = (index % (288 * 7)) / (288 * 7);
  return Math.round(150 + 45 * Math.sin(2 * Math.PI * day) + 15 * Math.sin(2 * Math.PI * week));
}

/** The EGV payloads (30 days each) as JSON text, generated one at a time. */
export function* yearPayloads(): Generator<{ json: string; readings: number }> {
  const startMs = Date.parse(YEAR_START);
  const perPayload = 30 * 288;
  for (let first = 0; first < READINGS; first += perPayload) {
    const records: string[] = [];
    for (let i = first; i < Math.min(first + perPayload, READINGS); i++) {
      const ms = startMs + i * STEP_MS;
      const display = formatInstant(ms, zoneOffsetAt(ZONE, ms));
      records.push(
        JSON.stringify({
          recordId: `year-${i}`,
          systemTime: new Date(ms).toISOString().slice(0, 19),
          displayTime: display,
          transmitterId: '8G1234',
          value: readingValue(i),
          status: 'ok',
          trend: 'flat',
          trendRate: 0,
          unit: 'mg/dL',
          rateUnit: 'mg/dL/min',
          displayDevice: 'iOS',
          transmitterGeneration: 'g7',
        }),
      );
    }
    yield {
      json: `{"recordType":"egv","recordVersion":"3.0","userId":"bench","records":[${records.join(',')}]}`,
      readings: records.length,
    };
  }
}

export interface YearIngestReport {
  readings: number;
  accepted: number;
  duplicates: number;
  ms: number;
  pointsPerSecond: number;
  peakRssMb: number;
  /**
   * Memory after each payload: flat when nothing accumulates per payload. Heap in
   * use after a full GC when node runs with --expose-gc (the honest measure), else
   * resident size (which V8 lets grow until it next collects).
   */
  memoryMbAfterEachPayload: number[];
  memoryMeasure: 'heapUsed after gc' | 'rss';
}

/** Posts the year to a wearables subgraph, one 30-day payload at a time. */
export async function ingestYear(
  baseUrl: string,
  serviceToken: string,
  account: string,
): Promise<YearIngestReport> {
  let accepted = 0;
  let duplicates = 0;
  let readings = 0;
  let sendMs = 0;
  let peakRss = process.memoryUsage().rss;
  const memoryMbAfterEachPayload: number[] = [];
  const gc = (globalThis as { gc?: () => void }).gc;
  for (const payload of yearPayloads()) {
    const started = Date.now();
    const response = await fetch(
      new URL(`/ingest/dexcom-egvs?account=${encodeURIComponent(account)}`, baseUrl),
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${serviceToken}` },
        body: payload.json,
      },
    );
    const body = (await response.json()) as { accepted: number; duplicates: number };
    sendMs += Date.now() - started;
    if (!response.ok) throw new Error(`ingest answered ${response.status}`);
    accepted += body.accepted;
    duplicates += body.duplicates;
    readings += payload.readings;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    gc?.();
    const memory = gc ? process.memoryUsage().heapUsed : process.memoryUsage().rss;
    memoryMbAfterEachPayload.push(Math.round(memory / 1e6));
  }
  return {
    readings,
    accepted,
    duplicates,
    ms: sendMs,
    pointsPerSecond: Math.round(readings / (sendMs / 1000)),
    peakRssMb: Math.round(peakRss / 1e6),
    memoryMbAfterEachPayload,
    memoryMeasure: gc ? 'heapUsed after gc' : 'rss',
  };
}

if (require.main === module) {
  const url = process.argv[2] ?? 'http://127.0.0.1:4004';
  const token = process.env.SERVICE_TOKEN;
  void (async () => {
    const { loadOrCreateDevSecrets } = await import('../../shared/config/dev-secrets');
    const report = await ingestYear(
      url,
      token ?? loadOrCreateDevSecrets().serviceToken,
      'SM-BENCH',
    );
    console.log(JSON.stringify(report));
  })();
}
