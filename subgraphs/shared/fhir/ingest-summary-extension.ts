/**
 * The counts a FHIR ingest endpoint reports beside its per-entry outcomes, carried
 * as a FHIR extension (on Bundle.meta of a batch/transaction-response, on the
 * OperationOutcome of an NDJSON load), so responses stay valid FHIR while a client
 * can total them without re-deriving anything.
 */
export const INGEST_SUMMARY_URL =
  'https://patientgraph.example/fhir/StructureDefinition/ingest-summary';

export interface IngestCounts {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  rejected: number;
  /** Resources stored (created, updated or unchanged) per type. */
  stored: Record<string, number>;
  /** Types among `stored` that the graph does not expose (kept and counted only). */
  notExposed: string[];
  /** Patient links delivered to identity now, and left pending for retry. */
  linked: number;
  linkPending: number;
}

export function emptyCounts(): IngestCounts {
  return {
    created: 0,
    updated: 0,
    unchanged: 0,
    deleted: 0,
    rejected: 0,
    stored: {},
    notExposed: [],
    linked: 0,
    linkPending: 0,
  };
}

interface Extension {
  url: string;
  valueInteger?: number;
  valueCode?: string;
  valueBoolean?: boolean;
  extension?: Extension[];
}

const NUMBERS = [
  'created',
  'updated',
  'unchanged',
  'deleted',
  'rejected',
  'linked',
  'linkPending',
] as const;

export function countsToExtension(counts: IngestCounts): Extension {
  return {
    url: INGEST_SUMMARY_URL,
    extension: [
      ...NUMBERS.map((name) => ({ url: name, valueInteger: counts[name] })),
      ...Object.entries(counts.stored)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([type, count]) => ({
          url: 'stored',
          extension: [
            { url: 'resourceType', valueCode: type },
            { url: 'count', valueInteger: count },
            { url: 'exposed', valueBoolean: !counts.notExposed.includes(type) },
          ],
        })),
    ],
  };
}

/** Reads the summary back from a response's extension list (null when absent). */
export function countsFromExtensions(extensions: unknown): IngestCounts | null {
  if (!Array.isArray(extensions)) return null;
  const summary = (extensions as Extension[]).find((e) => e?.url === INGEST_SUMMARY_URL);
  if (!summary?.extension) return null;
  const counts = emptyCounts();
  for (const part of summary.extension) {
    if ((NUMBERS as readonly string[]).includes(part.url)) {
      counts[part.url as (typeof NUMBERS)[number]] = part.valueInteger ?? 0;
    } else if (part.url === 'stored') {
      const type = part.extension?.find((e) => e.url === 'resourceType')?.valueCode;
      const count = part.extension?.find((e) => e.url === 'count')?.valueInteger ?? 0;
      const exposed = part.extension?.find((e) => e.url === 'exposed')?.valueBoolean;
      if (type) {
        counts.stored[type] = count;
        if (exposed === false) counts.notExposed.push(type);
      }
    }
  }
  return counts;
}
