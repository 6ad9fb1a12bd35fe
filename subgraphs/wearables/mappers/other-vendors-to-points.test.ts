import { readFixture } from './fixture';
import { googleFitToPoints } from './googlefit-to-points';
import { iHealthToPoints } from './ihealth-to-points';
import { withingsToPoints } from './withings-to-points';

describe('Google Fit, iHealth and Withings mappers (Shimmer fixtures)', () => {
  it('maps Google Fit heart rate (instant or interval) and step deltas in the account zone', () => {
    const heart = googleFitToPoints(
      readFixture('vendors/googlefit/googlefit-merge-heart-rate.json'),
      {
        timeZone: 'America/Los_Angeles',
      },
    );
    expect(heart.rejected).toEqual([]);
    expect(heart.points.map((p) => [p.type, p.value, p.startIso, p.endIso])).toEqual([
      ['heart-rate', 54, '2015-01-30T07:37:48.186-08:00', null],
      ['heart-rate', 58, '2015-07-10T07:34:32.914-07:00', '2015-07-10T07:34:33.915-07:00'],
    ]);
    const steps = googleFitToPoints(
      readFixture('vendors/googlefit/googlefit-merge-step-deltas.json'),
      null,
    );
    expect(steps.points.map((p) => [p.value, p.startMs, p.endMs])).toEqual([
      [4146, 1422917379811, 1422919520811],
      [0, 1436558400000, 1436560200000],
      [17, 1436565497687, 1436565557687],
      [184, 1436565921162, 1436566038006],
    ]);
  });

  it('rejects Google Fit data types that are not series here, by point', () => {
    const result = googleFitToPoints(
      {
        dataSourceId: 'derived:com.google.weight:com.google.android.gms:merge_weight',
        point: [
          {
            startTimeNanos: '1',
            endTimeNanos: '1',
            dataTypeName: 'com.google.weight',
            value: [{ fpVal: 70 }],
          },
        ],
      },
      null,
    );
    expect(result.rejected).toEqual([
      {
        location: 'point[0]',
        reason: 'Google Fit data type com.google.weight is not a series stored here',
      },
    ]);
  });

  it('reads iHealth local epoch seconds with their offset, and kPa/mmol units', () => {
    const bp = iHealthToPoints(readFixture('vendors/ihealth/ihealth-bp.json'), null);
    expect(bp.rejected).toEqual([]);
    // MDate 1442491463 is 2015-09-17 12:04:23 local time at -08:00 (Shimmer's reading too).
    expect(bp.points.slice(0, 3).map((p) => [p.type, p.value, p.startIso])).toEqual([
      ['blood-pressure-systolic', 120, '2015-09-17T12:04:23-08:00'],
      ['blood-pressure-diastolic', 90, '2015-09-17T12:04:23-08:00'],
      ['heart-rate', 100, '2015-09-17T12:04:23-08:00'],
    ]);
    const glucose = iHealthToPoints(
      { BGUnit: 1, BGDataList: [{ BG: 5.5, MDate: 1442491407, TimeZone: '+0100', DataID: 'g' }] },
      null,
    );
    expect(glucose.points[0]).toMatchObject({
      value: 99.088,
      originalValue: 5.5,
      originalUnit: 'mmol/L',
      startIso: '2015-09-17T12:03:27+01:00',
    });
    const kpa = iHealthToPoints(
      { BPUnit: 1, BPDataList: [{ HP: 16, LP: 10, HR: 0, MDate: 1442491463, TimeZone: '-0800' }] },
      null,
    );
    expect(kpa.points.map((p) => p.value)).toEqual([120.01, 75.006]);
  });

  it('maps Withings sleep summaries with their own zone and stage minutes', () => {
    const result = withingsToPoints(
      readFixture('vendors/withings/withings-sleep-summary.json'),
      null,
    );
    expect(result.rejected).toEqual([]);
    expect(result.sleep[1]).toMatchObject({
      startIso: '2017-09-03T23:19:00+01:00',
      endIso: '2017-09-04T08:19:00+01:00',
      minutesAsleep: 495,
      minutesAwake: 45,
      sourceId: '124',
      stages: [
        { level: 'light', minutes: 265, count: null },
        { level: 'deep', minutes: 230, count: null },
        { level: 'awake', minutes: 45, count: null },
      ],
    });
  });

  it('refuses a Withings error response as a whole', () => {
    expect(withingsToPoints({ status: 601, body: {} }, null).rejected).toEqual([
      { location: '$.status', reason: 'Withings error status 601' },
    ]);
  });
});
