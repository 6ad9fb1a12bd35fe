import type { Vendor } from '../vendors';

/**
 * What every vendor mapper produces: points in normalised units, sleep episodes,
 * and a reason for everything it could not use. Mappers are pure and total: they
 * never throw on vendor input, and nothing they skip goes unreported.
 */
export const MEASURE_TYPES = [
  'heart-rate',
  'glucose',
  'steps',
  'oxygen-saturation',
  'blood-pressure-systolic',
  'blood-pressure-diastolic',
  'sleep-duration',
] as const;
export type MeasureType = (typeof MEASURE_TYPES)[number];

/** The unit each type is stored in (UCUM-style spellings as Open mHealth uses them). */
export const NORMALISED_UNITS: Readonly<Record<MeasureType, string>> = {
  'heart-rate': 'beats/min',
  glucose: 'mg/dL',
  steps: 'steps',
  'oxygen-saturation': '%',
  'blood-pressure-systolic': 'mmHg',
  'blood-pressure-diastolic': 'mmHg',
  'sleep-duration': 'min',
};

export interface MappedPoint {
  /** Set when the payload names the account per record (OMH header.user_id). */
  accountId?: string;
  type: MeasureType;
  /** '' for a single measurement; the descriptive statistic for aggregates. */
  statistic: string;
  startMs: number;
  startIso: string;
  endMs: number | null;
  endIso: string | null;
  value: number;
  originalValue: number;
  originalUnit: string;
  sourceId: string | null;
}

export interface SleepStageSummary {
  level: string;
  minutes: number;
  count: number | null;
}

export interface SleepSegment {
  start: string;
  level: string;
  seconds: number;
}

export interface MappedSleep {
  accountId?: string;
  startMs: number;
  startIso: string;
  endMs: number;
  endIso: string;
  minutesAsleep: number | null;
  minutesAwake: number | null;
  efficiency: number | null;
  isMainSleep: boolean | null;
  stages: SleepStageSummary[];
  segments: SleepSegment[];
  sourceId: string | null;
}

export interface MappingRejection {
  /** JSON path inside the payload (never the value: values may be PHI). */
  location: string;
  reason: string;
}

export interface MappingResult {
  points: MappedPoint[];
  sleep: MappedSleep[];
  rejected: MappingRejection[];
  /** Things a reader should know (e.g. local times read in an assumed zone). */
  warnings: string[];
}

export function emptyMapping(): MappingResult {
  return { points: [], sleep: [], rejected: [], warnings: [] };
}

/** The account a payload's records belong to, when the request names it. */
export interface AccountRef {
  vendor: Vendor;
  accountId: string;
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Numbers vendors send as strings ("64.2" in Fitbit daily summaries). */
export function numberOf(value: unknown): number | null {
  if (isFiniteNumber(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value);
  }
  return null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
