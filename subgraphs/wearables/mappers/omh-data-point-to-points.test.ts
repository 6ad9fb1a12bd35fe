import { readFixture } from './fixture';
import { omhDataPointsToPoints, parseOmhSchemaParam } from './omh-data-point-to-points';

const UTC = { utcOffset: 'Z' };

function dataPoint(name: string, version: string, body: unknown, userId = 'user-1') {
  return {
    header: {
      id: `dp-${name}`,
      creation_date_time: '2020-02-05T08:00:00Z',
      schema_id: { namespace: 'omh', name, version },
      user_id: userId,
    },
    body,
  };
}

describe('omhDataPointsToPoints', () => {
  it('maps heart rate, keeping the offset and the header id and user', () => {
    const body = readFixture('omh/heart-rate/2.0/shouldPass/with-descriptive-statistic.json');
    const result = omhDataPointsToPoints(dataPoint('heart-rate', '2.0', body), UTC);
    expect(result.rejected).toEqual([]);
    expect(result.points).toEqual([
      {
        accountId: 'user-1',
        type: 'heart-rate',
        statistic: 'minimum',
        startMs: Date.UTC(2020, 1, 5, 5),
        startIso: '2020-02-05T06:00:00+01:00',
        endMs: Date.UTC(2020, 1, 6, 5),
        endIso: '2020-02-06T06:00:00+01:00',
        value: 50,
        originalValue: 50,
        originalUnit: 'beats/min',
        sourceId: 'dp-heart-rate',
      },
    ]);
  });

  it('normalises glucose from mmol/L and splits blood pressure in two points', () => {
    const glucose = omhDataPointsToPoints(
      dataPoint('blood-glucose', '4.0', {
        blood_glucose: { value: 7, unit: 'mmol/L' },
        effective_time_frame: { date_time: '2021-03-01T07:00:00-05:00' },
      }),
      UTC,
    );
    expect(glucose.points[0]).toMatchObject({ type: 'glucose', value: 126.112, originalValue: 7 });
    const bp = omhDataPointsToPoints(
      dataPoint(
        'blood-pressure',
        '4.0',
        readFixture('omh/blood-pressure/4.0/shouldPass/blood-pressure-only.json'),
      ),
      UTC,
    );
    expect(bp.points.map((p) => [p.type, p.value, p.startIso])).toEqual([
      ['blood-pressure-systolic', 115, '2020-02-05T07:25:00-08:00'],
      ['blood-pressure-diastolic', 60, '2020-02-05T07:25:00-08:00'],
    ]);
  });

  it('places a measurement without effective_time_frame at the header creation time', () => {
    const body = readFixture('omh/heart-rate/1.0/shouldPass/heart-rate-only.json');
    const result = omhDataPointsToPoints(dataPoint('heart-rate', '1.0', body), UTC);
    expect(result.points[0]?.startIso).toBe('2020-02-05T08:00:00Z');
  });

  it('turns a sleep duration into a sleep episode and a step count into an interval', () => {
    const sleep = omhDataPointsToPoints(
      dataPoint(
        'sleep-duration',
        '2.0',
        readFixture('omh/sleep-duration/2.0/shouldPass/valid-sleep-duration.json'),
      ),
      UTC,
    );
    expect(sleep.sleep[0]).toMatchObject({
      startIso: '2016-02-05T20:35:00Z',
      endIso: '2016-02-06T06:35:00Z',
      minutesAsleep: 450,
    });
    const steps = omhDataPointsToPoints(
      dataPoint(
        'step-count',
        '3.0',
        readFixture('omh/step-count/3.0/shouldPass/valid-step-count.json'),
      ),
      UTC,
    );
    expect(steps.points[0]).toMatchObject({
      type: 'steps',
      value: 10600,
      startIso: '2016-02-05T06:25:00Z',
      endIso: '2016-02-05T07:25:00Z',
    });
  });

  it('rejects data points that fail the schemas, with the reason, and keeps the others', () => {
    const good = dataPoint('heart-rate', '2.0', {
      heart_rate: { value: 61, unit: 'beats/min' },
      effective_time_frame: { date_time: '2020-02-05T07:25:00Z' },
    });
    const badUnit = dataPoint('heart-rate', '2.0', {
      heart_rate: { value: 61, unit: 'beat/min' },
      effective_time_frame: { date_time: '2020-02-05T07:25:00Z' },
    });
    const noHeaderId = { header: { creation_date_time: '2020-01-01T00:00:00Z' }, body: {} };
    const unsupported = dataPoint('physical-activity', '1.0', { activity_name: 'walking' });
    const result = omhDataPointsToPoints([good, badUnit, noHeaderId, unsupported], UTC);
    expect(result.points).toHaveLength(1);
    expect(result.rejected).toEqual([
      {
        location: '[1]',
        reason: expect.stringMatching(
          /omh:heart-rate:2.0: \/heart_rate\/unit must be equal to one of the allowed values \(beats\/min\)/,
        ),
      },
      {
        location: '[2]',
        reason: expect.stringMatching(/^not a valid data point: .*required property 'id'/),
      },
      {
        location: '[3]',
        reason: expect.stringMatching(/^unsupported schema omh:physical-activity:1.0/),
      },
    ]);
  });

  it('validates bare bodies against the schema the request names', () => {
    expect(parseOmhSchemaParam('omh:step-count:2.0')).toEqual({
      name: 'step-count',
      version: '2.0',
    });
    expect(parseOmhSchemaParam('heart-rate-2.0')).toEqual({ name: 'heart-rate', version: '2.0' });
    const body = readFixture('omh/step-count/3.0/shouldFail/with-date-time.json');
    const result = omhDataPointsToPoints(body, UTC, { name: 'step-count', version: '3.0' });
    expect(result.rejected[0]?.reason).toMatch(/effective_time_frame/);
  });
});
