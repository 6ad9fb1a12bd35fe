import { generatePerson, type PopulationOptions } from '../population';
import { VENDOR_SYSTEMS } from '../vendor-systems';
import { emitWearablePayloads, wearableDates } from './wearables.emitter';

const OPTIONS: PopulationOptions = {
  seed: 7,
  size: 8,
  asOf: new Date('2026-03-10T00:00:00Z'),
  wearableDays: 4,
};
const withCgm = generatePerson(OPTIONS, 0); // every fourth person has diabetes
const files = emitWearablePayloads(withCgm, OPTIONS);
const read = <T>(suffix: string) =>
  JSON.parse(files.find((f) => f.path.endsWith(suffix))!.content) as T;

describe('emitWearablePayloads', () => {
  it('is deterministic and writes the documented layout', () => {
    expect(emitWearablePayloads(withCgm, OPTIONS)).toEqual(files);
    const user = withCgm.wearable!.userId;
    const dates = wearableDates(OPTIONS);
    expect(dates).toEqual(['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09']);
    expect(files.map((f) => f.path)).toEqual([
      `enrollments/${withCgm.key}.json`,
      ...dates.flatMap((d) => [
        `fitbit/${user}/heart-${d}.json`,
        `fitbit/${user}/steps-${d}.json`,
        `fitbit/${user}/sleep-${d}.json`,
      ]),
      `dexcom/${withCgm.wearable!.cgm!.serial}/egvs.json`,
    ]);
  });

  it('emits nothing for a person without a wearable', () => {
    const none = Array.from({ length: 40 }, (_, i) => generatePerson(OPTIONS, i)).find(
      (p) => p.wearable === null,
    )!;
    expect(emitWearablePayloads(none, OPTIONS)).toEqual([]);
  });

  it('enrolls each device account with the Riverside MRN and the zone', () => {
    const { enrollments } = read<{ enrollments: Record<string, unknown>[] }>('.json');
    const identifiers = [
      { system: VENDOR_SYSTEMS.riversideMrn, value: withCgm.ids.mrn, typeCode: 'MR' },
    ];
    expect(enrollments).toEqual([
      {
        vendor: 'fitbit',
        accountId: withCgm.wearable!.userId,
        timeZone: 'America/New_York',
        identifiers,
      },
      {
        vendor: 'dexcom',
        accountId: withCgm.wearable!.cgm!.serial,
        timeZone: 'America/New_York',
        identifiers,
      },
    ]);
  });

  it('writes heart rate around the resting rate, lower asleep than awake', () => {
    const heart = read<{
      'activities-heart': { value: { restingHeartRate: number } }[];
      'activities-heart-intraday': {
        dataset: { time: string; value: number }[];
        datasetInterval: number;
      };
    }>('heart-2026-03-07.json');
    const samples = heart['activities-heart-intraday'].dataset;
    expect(samples).toHaveLength(288);
    expect(samples[1]!.time).toBe('00:05:00');
    expect(heart['activities-heart'][0]!.value.restingHeartRate).toBe(
      withCgm.wearable!.restingHeartRate,
    );
    const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
    const night = mean(samples.slice(24, 60).map((s) => s.value)); // 02:00-05:00
    const day = mean(samples.slice(132, 216).map((s) => s.value)); // 11:00-18:00
    expect(night).toBeLessThan(withCgm.wearable!.restingHeartRate);
    expect(day).toBeGreaterThan(night + 5);
  });

  it('writes intraday steps that sum to the daily total, near the daily target', () => {
    const totals = wearableDates(OPTIONS).map((date) => {
      const steps = read<{
        'activities-steps': { value: string }[];
        'activities-steps-intraday': { dataset: { value: number }[] };
      }>(`steps-${date}.json`);
      const sum = steps['activities-steps-intraday'].dataset.reduce((s, d) => s + d.value, 0);
      expect(String(sum)).toBe(steps['activities-steps'][0]!.value);
      return sum;
    });
    const target = withCgm.wearable!.dailySteps;
    for (const total of totals) {
      expect(total).toBeGreaterThan(target * 0.35);
      expect(total).toBeLessThan(target * 1.8);
    }
  });

  it('writes one main sleep per night with consistent stage minutes', () => {
    const { sleep } = read<{
      sleep: {
        isMainSleep: boolean;
        minutesAsleep: number;
        minutesAwake: number;
        timeInBed: number;
        levels: { data: { seconds: number }[] };
      }[];
    }>('sleep-2026-03-08.json');
    expect(sleep).toHaveLength(1);
    const night = sleep[0]!;
    expect(night.isMainSleep).toBe(true);
    expect(night.minutesAsleep + night.minutesAwake).toBe(night.timeInBed);
    expect(night.levels.data.reduce((s, d) => s + d.seconds, 0)).toBe(night.timeInBed * 60);
    expect(Math.abs(night.timeInBed / 60 - withCgm.wearable!.sleepHours)).toBeLessThan(2);
  });

  it('writes Dexcom EGVs every 5 real minutes with the person mean and SD, across DST', () => {
    const { records } = read<{
      records: { systemTime: string; displayTime: string; value: number; unit: string }[];
    }>('egvs.json');
    expect(records).toHaveLength(4 * 288);
    const times = records.map((r) => Date.parse(`${r.systemTime}Z`));
    expect(times.every((t, i) => i === 0 || t - times[i - 1]! === 300_000)).toBe(true);
    // 2026-03-08 is the spring-forward day in New York: offsets change on the way.
    expect(records[0]!.displayTime).toBe('2026-03-06T00:00:00-05:00');
    expect(records.at(-1)!.displayTime).toMatch(/-04:00$/);
    const values = records.map((r) => r.value);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    expect(Math.abs(mean - withCgm.wearable!.cgm!.meanGlucose)).toBeLessThan(1);
    expect(Math.abs(sd - withCgm.wearable!.cgm!.sd)).toBeLessThan(1.5);
    expect(values.every((v) => v >= 40 && v <= 400 && Number.isInteger(v))).toBe(true);
  });
});

describe('emitWearablePayloads on the spring-forward day', () => {
  it('skips the local hour that does not exist, like the device', () => {
    const heart = JSON.parse(
      files.find((f) => f.path.endsWith('heart-2026-03-08.json'))!.content,
    ) as {
      'activities-heart-intraday': { dataset: { time: string }[] };
    };
    const times = heart['activities-heart-intraday'].dataset.map((d) => d.time);
    expect(times).toHaveLength(276);
    expect(times).not.toContain('02:30:00');
    expect(times).toContain('03:00:00');
  });
});
