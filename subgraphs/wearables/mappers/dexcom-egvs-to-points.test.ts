import { dexcomEgvsToPoints } from './dexcom-egvs-to-points';

describe('dexcomEgvsToPoints', () => {
  it('reads v3 records: offset from displayTime, instant from it, mg/dL as is', () => {
    const result = dexcomEgvsToPoints(
      {
        recordType: 'egv',
        recordVersion: '3.0',
        userId: 'u1',
        records: [
          {
            recordId: 'r1',
            systemTime: '2026-02-06T09:10:00',
            displayTime: '2026-02-06T01:10:00-08:00',
            value: 132,
            unit: 'mg/dL',
            status: 'ok',
          },
        ],
      },
      null,
    );
    expect(result.rejected).toEqual([]);
    expect(result.points).toEqual([
      {
        type: 'glucose',
        statistic: '',
        startMs: Date.UTC(2026, 1, 6, 9, 10),
        startIso: '2026-02-06T01:10:00-08:00',
        endMs: null,
        endIso: null,
        value: 132,
        originalValue: 132,
        originalUnit: 'mg/dL',
        sourceId: 'r1',
      },
    ]);
  });

  it('derives a receiver offset from displayTime - systemTime and converts mmol/L (x 18.016)', () => {
    const result = dexcomEgvsToPoints(
      {
        unit: 'mmol/L',
        egvs: [
          { systemTime: '2018-02-03T08:02:10', displayTime: '2018-02-03T03:02:11', value: 5.5 },
        ],
      },
      null,
    );
    expect(result.points[0]).toMatchObject({
      startMs: Date.UTC(2018, 1, 3, 8, 2, 10),
      startIso: '2018-02-03T03:02:10-05:00',
      value: 99.088,
      originalValue: 5.5,
      originalUnit: 'mmol/L',
    });
  });

  it('rejects readings without a value, out of sensor range, or with an unreadable unit', () => {
    const result = dexcomEgvsToPoints(
      {
        recordType: 'egv',
        records: [
          { systemTime: '2026-01-01T00:00:00', value: null, unit: 'mg/dL' },
          { systemTime: '2026-01-01T00:05:00', value: 2000, unit: 'mg/dL' },
          { systemTime: '2026-01-01T00:10:00', value: 6, unit: 'unknown' },
          { systemTime: '2026-01-01T00:15:00', value: 120, unit: 'unknown' },
          { displayTime: 'yesterday', value: 120, unit: 'mg/dL' },
        ],
      },
      null,
    );
    expect(result.rejected.map((r) => r.location)).toEqual([
      'records[0]',
      'records[1]',
      'records[2]',
      'records[4]',
    ]);
    expect(result.points.map((p) => p.startIso)).toEqual(['2026-01-01T00:15:00Z']);
    expect(result.warnings).toEqual(['1 reading(s) had unit "unknown" and were read as mg/dL']);
  });
});
