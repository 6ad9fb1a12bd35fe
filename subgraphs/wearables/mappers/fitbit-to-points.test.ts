import { fitbitHeartToPoints } from './fitbit-heart-to-points';
import { fitbitSleepToEpisodes } from './fitbit-sleep-to-episodes';
import { fitbitStepsToPoints } from './fitbit-steps-to-points';
import { readFixture } from './fixture';

const NEW_YORK = { timeZone: 'America/New_York' };

describe('Fitbit mappers (Shimmer fixtures)', () => {
  it('maps intraday heart rate as local times in the account zone, plus the daily value', () => {
    const result = fitbitHeartToPoints(
      readFixture('vendors/fitbit/fitbit-activities-heart-1d-1m-intraday.json'),
      NEW_YORK,
    );
    expect(result.rejected).toEqual([]);
    expect(result.warnings).toEqual([]);
    const samples = result.points.filter((p) => p.statistic === '');
    expect(samples.map((p) => [p.startIso, p.value])).toEqual([
      ['2015-08-21T00:01:00-04:00', 64],
      ['2015-08-21T00:02:00-04:00', 63],
      ['2015-08-21T00:03:00-04:00', 64],
      ['2015-08-21T00:04:00-04:00', 65],
      ['2015-08-21T00:05:00-04:00', 65],
    ]);
    expect(samples[0]).toMatchObject({
      type: 'heart-rate',
      startMs: Date.UTC(2015, 7, 21, 4, 1),
      originalUnit: 'bpm',
      endMs: null,
    });
    // This old response gives the day's value as a bare string, not restingHeartRate.
    expect(result.points.filter((p) => p.statistic === 'resting')).toEqual([]);
  });

  it('reads local times as UTC, with a warning, when no zone is known', () => {
    const result = fitbitHeartToPoints(
      readFixture('vendors/fitbit/fitbit-activities-heart-1d-1m-intraday.json'),
      null,
    );
    expect(result.points[0]?.startIso).toBe('2015-08-21T00:01:00Z');
    expect(result.warnings[0]).toMatch(/read as UTC/);
  });

  it('rejects impossible samples by position and keeps the rest; days roll over at midnight', () => {
    const result = fitbitHeartToPoints(
      {
        'activities-heart': [{ dateTime: '2026-11-01', value: { restingHeartRate: 61 } }],
        'activities-heart-intraday': {
          dataset: [
            { time: '23:59:00', value: 70 },
            { time: '00:00:00', value: 'x' },
            { time: '00:01:00', value: 900 },
            { time: '00:02:00', value: 66 },
          ],
          datasetInterval: 1,
          datasetType: 'minute',
        },
      },
      { utcOffset: '-05:00' },
    );
    expect(result.rejected.map((r) => r.location)).toEqual([
      'activities-heart-intraday.dataset[1]',
      'activities-heart-intraday.dataset[2]',
    ]);
    expect(result.points.map((p) => [p.statistic, p.startIso, p.value])).toEqual([
      ['resting', '2026-11-01T00:00:00-05:00', 61],
      ['', '2026-11-01T23:59:00-05:00', 70],
      ['', '2026-11-02T00:02:00-05:00', 66],
    ]);
  });

  it('maps intraday steps as intervals and keeps the daily total apart', () => {
    const result = fitbitStepsToPoints(
      readFixture('vendors/fitbit/fitbit-activities-steps-1d-1m-intraday.json'),
      { utcOffset: 'Z' },
    );
    expect(result.rejected).toEqual([]);
    const intervals = result.points.filter((p) => p.statistic === '');
    expect(intervals.map((p) => [p.startIso, p.endIso, p.value])).toEqual([
      ['2015-08-21T00:00:00Z', '2015-08-21T00:01:00Z', 7],
      ['2015-08-21T14:27:00Z', '2015-08-21T14:28:00Z', 0],
      ['2015-08-21T14:28:00Z', '2015-08-21T14:29:00Z', 52],
    ]);
    expect(result.points.find((p) => p.statistic === 'sum')).toMatchObject({
      value: 3212,
      startIso: '2015-08-21T00:00:00Z',
      endIso: '2015-08-22T00:00:00Z',
    });
  });

  it('maps sleep logs with stages, segments and the log id', () => {
    const result = fitbitSleepToEpisodes(readFixture('vendors/fitbit/fitbit-sleep-date.json'), {
      utcOffset: '-08:00',
    });
    expect(result.rejected).toEqual([]);
    expect(result.sleep).toHaveLength(2);
    const main = result.sleep.find((e) => e.isMainSleep);
    expect(main).toMatchObject({
      startIso: '2016-12-13T01:16:00-08:00',
      endIso: '2016-12-13T03:14:00-08:00',
      minutesAsleep: 112,
      minutesAwake: 6,
      efficiency: 95,
      sourceId: '13211507000',
    });
    expect(main?.stages).toEqual([
      { level: 'asleep', minutes: 112, count: 0 },
      { level: 'awake', minutes: 0, count: 0 },
      { level: 'restless', minutes: 6, count: 3 },
    ]);
    expect(main?.segments[1]).toEqual({
      start: '2016-12-13T02:39:00-08:00',
      level: 'restless',
      seconds: 60,
    });
  });

  it('accepts an empty sleep list as nothing to store', () => {
    const result = fitbitSleepToEpisodes(
      readFixture('vendors/fitbit/fitbit-sleep-date-empty-sleep-list.json'),
      null,
    );
    expect(result).toEqual({ points: [], sleep: [], rejected: [], warnings: [] });
  });
});
