/**
 * What every ingest path reports: per format and in total, what was accepted,
 * what was rejected and why, and what was recognised as a re-send. Nothing is
 * dropped without appearing in one of these lists.
 */
export interface IngestRejection {
  /** File (and line or entry, when the format has them) the input came from. */
  location: string;
  reason: string;
}

export interface IngestSummary {
  format: string;
  /** Units in the format's own terms: resources, messages, data points. */
  unit: string;
  accepted: number;
  duplicates: number;
  rejected: IngestRejection[];
}

/** Where ingest sends to: a running subgraph's HTTP base and, for HL7 v2, its MLLP port. */
export interface IngestTarget {
  baseUrl: string;
  serviceToken: string;
  mllp?: { host: string; port: number };
}

export type IngestProgress = (done: number, total: number) => void;

export function emptySummary(format: string, unit: string): IngestSummary {
  return { format, unit, accepted: 0, duplicates: 0, rejected: [] };
}
