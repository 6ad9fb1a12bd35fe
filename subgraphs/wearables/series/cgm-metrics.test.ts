import { cgmMetricsFrom, CGM_THRESHOLDS, type CgmAggregates } from './cgm-metrics';

/** What the SQL aggregate computes, done by hand over a list (for the expected values below). */
function aggregate(values: number[]): CgmAggregates {
  const t = CGM_THRESHOLDS;
  return {
    count: values.length,
    sum: values.reduce((s, v) => s + v, 0),
    sumOfSquares: values.reduce((s, v) => s + v * v, 0),
    below54: values.filter((v) => v < t.below54).length,
    below70: values.filter((v) => v < t.below70).length,
    inRange: values.filter((v) => v >= t.below70 && v < t.above180).length,
    above180: values.filter((v) => v >= t.above180).length,
    above250: values.filter((v) => v >= t.above250).length,
  };
}

describe('cgmMetricsFrom', () => {
  it('computes the consensus metrics (values worked out by hand)', () => {
    // 50 65 100 150 200 260: mean 825/6 = 137.5; squared deviations sum 33387.5,
    // sample SD sqrt(33387.5 / 5) = 81.716; CV 81.716 / 137.5 = 59.43 %;
    // GMI 3.31 + 0.02392 x 137.5 = 6.599 %.
    const metrics = cgmMetricsFrom(aggregate([50, 65, 100, 150, 200, 260]), 30 * 60_000);
    expect(metrics).toEqual({
      readings: 6,
      coveragePercent: 100,
      meanGlucose: 137.5,
      standardDeviation: 81.7,
      coefficientOfVariation: 59.4,
      gmi: 6.6,
      timeInRange: 33.3,
      timeBelow70: 33.3,
      timeBelow54: 16.7,
      timeAbove180: 33.3,
      timeAbove250: 16.7,
    });
  });

  it('classifies on whole mg/dL: 10.0 mmol/L (180.16) is in range, 69.4 is below', () => {
    const metrics = cgmMetricsFrom(aggregate([180.16, 69.4, 70, 180, 180.6, 53.4]), 60 * 60_000);
    expect(metrics.timeInRange).toBe(50); // 180.16, 70, 180
    expect(metrics.timeBelow70).toBe(33.3); // 69.4, 53.4
    expect(metrics.timeBelow54).toBe(16.7); // 53.4
    expect(metrics.timeAbove180).toBe(16.7); // 180.6
    expect(metrics.coveragePercent).toBe(50); // 6 readings x 5 min in 60 min
  });

  it('has no statistics without readings, and no SD from a single one', () => {
    expect(cgmMetricsFrom(aggregate([]), 86_400_000)).toMatchObject({
      readings: 0,
      coveragePercent: 0,
      meanGlucose: null,
      gmi: null,
      timeInRange: null,
    });
    expect(cgmMetricsFrom(aggregate([120]), 86_400_000)).toMatchObject({
      readings: 1,
      meanGlucose: 120,
      standardDeviation: null,
      coefficientOfVariation: null,
      timeInRange: 100,
    });
  });
});
