import type { BenchCase } from './bench-case';
import { consentCase } from './consent/consent.case';
import { federationCase } from './federation/federation.case';
import { patientSummaryCase } from './patient-summary/patient-summary.case';
import { ingestCase } from './ingest/ingest.case';
import { scalingCase } from './scaling/scaling.case';

/**
 * Every benchmark case, in the order `npm run bench` runs them. Scaling runs before
 * the patient summary: both measure one shared population, which only grows (1k,
 * then 10k patients), and the summary's target is set at 10k.
 */
export const CASES: readonly BenchCase[] = [
  federationCase,
  scalingCase,
  patientSummaryCase,
  ingestCase,
  consentCase,
];

/** The order docs/benchmarks.md lists the cases in (the order). */
export const DOC_ORDER: readonly string[] = [
  'federation',
  'patient-summary',
  'scaling',
  'ingest',
  'consent',
];
