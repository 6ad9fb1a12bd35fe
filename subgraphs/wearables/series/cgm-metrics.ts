import { roundTo } from '../mappers/units';

/**
 * Aggregates the database returns for a range of glucose readings (mg/dL).
 * Thresholds are applied to whole mg/dL: a reading counts below 70 when it
 * rounds below 70 (< 69.5), so a 10.0 mmol/L reading (180.16 mg/dL) is in range,
 * as it is on the meter that showed it.
 */
export interface CgmAggregates {
  count: number;
  sum: number;
  sumOfSquares: number;
  below54: number;
  below70: number;
  inRange: number;
  above180: number;
  above250: number;
}

export const CGM_THRESHOLDS = {
  below54: 53.5,
  below70: 69.5,
  above180: 180.5,
  above250: 250.5,
} as const;

/** Nominal CGM reading interval (Dexcom G6/G7): coverage is readings against this. */
export const CGM_INTERVAL_MS = 5 * 60_000;

export interface CgmMetricsValue {
  readings: number;
  coveragePercent: number;
  meanGlucose: number | null;
  standardDeviation: number | null;
  coefficientOfVariation: number | null;
  gmi: number | null;
  timeInRange: number | null;
  timeBelow70: number | null;
  timeBelow54: number | null;
  timeAbove180: number | null;
  timeAbove250: number | null;
}

/**
 * The international consensus CGM metrics (Battelino et al., Diabetes Care 2019;
 * 42:1593, https://doi.org/10.2337/dci19-0028) from range aggregates:
 * time in range 70-180 mg/dL, below 70 (level 1 and 2) and below 54 (level 2),
 * above 180 (level 1 and 2) and above 250 (level 2), as % of readings; mean
 * glucose; GMI (%) = 3.31 + 0.02392 x mean mg/dL (Bergenstal 2018); CV (%) =
 * SD / mean x 100, SD being the sample standard deviation (n - 1).
 */
export function cgmMetricsFrom(aggregates: CgmAggregates, rangeMs: number): CgmMetricsValue {
  const n = aggregates.count;
  const coveragePercent = roundTo(Math.min(100, ((n * CGM_INTERVAL_MS) / rangeMs) * 100), 1);
  if (n === 0) {
    return {
      readings: 0,
      coveragePercent: 0,
      meanGlucose: null,
      standardDeviation: null,
      coefficientOfVariation: null,
      gmi: null,
      timeInRange: null,
      timeBelow70: null,
      timeBelow54: null,
      timeAbove180: null,
      timeAbove250: null,
    };
  }
  const mean = aggregates.sum / n;
  // Sum of squared deviations from the two running sums; clamp rounding noise.
  const squaredDeviations = Math.max(0, aggregates.sumOfSquares - n * mean * mean);
  const sd = n > 1 ? Math.sqrt(squaredDeviations / (n - 1)) : null;
  const percent = (count: number) => roundTo((count / n) * 100, 1);
  return {
    readings: n,
    coveragePercent,
    meanGlucose: roundTo(mean, 1),
    standardDeviation: sd === null ? null : roundTo(sd, 1),
    coefficientOfVariation: sd === null ? null : roundTo((sd / mean) * 100, 1),
    gmi: roundTo(3.31 + 0.02392 * mean, 2),
    timeInRange: percent(aggregates.inRange),
    timeBelow70: percent(aggregates.below70),
    timeBelow54: percent(aggregates.below54),
    timeAbove180: percent(aggregates.above180),
    timeAbove250: percent(aggregates.above250),
  };
}
