import {
  formatInstant,
  localMsToInstant,
  zoneOffsetAt,
} from '../../subgraphs/wearables/mappers/time';
import type { Person, PopulationOptions } from '../population';
import { Random } from '../random';
import { VENDOR_SYSTEMS } from '../vendor-systems';
import type { EmittedFile } from './emitted-file';
import {
  activityProfile,
  dexcomTrend,
  glucoseCurve,
  heartRatePerSlot,
  sleepStages,
  sleepWindow,
  SLOT_MINUTES,
  stepsPerSlot,
  type SleepWindow,
} from './wearables-signals';

/** Every synthetic person lives in Massachusetts (see population.ts). */
export const WEARABLE_TIME_ZONE = 'America/New_York';
const DAY_MS = 86_400_000;

const pad = (n: number) => String(n).padStart(2, '0');

function dateOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Local wall-clock "YYYY-MM-DDTHH:MM:SS" of minute `minute` after a date's local midnight. */
function localTime(date: string, minute: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + minute * 60_000;
  return new Date(ms).toISOString().slice(0, 19);
}

/** The instant of a date's local midnight in the wearables' zone. */
function localMidnight(date: string): number {
  return localMsToInstant(Date.parse(`${date}T00:00:00Z`), { timeZone: WEARABLE_TIME_ZONE })!.ms;
}

function json(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

/** The days the streams cover: the `wearableDays` days before asOf, oldest first. */
export function wearableDates(options: PopulationOptions): string[] {
  const asOf = Date.UTC(
    options.asOf.getUTCFullYear(),
    options.asOf.getUTCMonth(),
    options.asOf.getUTCDate(),
  );
  return Array.from({ length: options.wearableDays }, (_, i) =>
    dateOf(asOf - (options.wearableDays - i) * DAY_MS),
  );
}

function fitbitSleepLog(person: Person, date: string, window: SleepWindow, random: Random) {
  const total = window.endMinute - window.startMinute;
  const stages = sleepStages(random, total);
  const summary: Record<string, { count: number; minutes: number; thirtyDayAvgMinutes: number }> =
    {};
  for (const level of ['deep', 'light', 'rem', 'wake'] as const) {
    const parts = stages.filter((s) => s.level === level);
    const minutes = parts.reduce((sum, s) => sum + s.minutes, 0);
    summary[level] = { count: parts.length, minutes, thirtyDayAvgMinutes: minutes };
  }
  const awake = summary.wake!.minutes;
  const start = localTime(date, window.startMinute);
  return {
    dateOfSleep: date,
    duration: total * 60_000,
    efficiency: Math.round(((total - awake) / total) * 100),
    endTime: `${localTime(date, window.endMinute)}.000`,
    infoCode: 0,
    isMainSleep: true,
    levels: {
      data: stages.map((s) => ({
        dateTime: `${localTime(date, window.startMinute + s.offset)}.000`,
        level: s.level,
        seconds: s.minutes * 60,
      })),
      summary,
    },
    logId: Number(`${person.index + 1}${date.replace(/-/g, '')}`),
    logType: 'auto_detected',
    minutesAfterWakeup: 0,
    minutesAsleep: total - awake,
    minutesAwake: awake,
    minutesToFallAsleep: stages[0]?.level === 'wake' ? stages[0].minutes : 0,
    startTime: `${start}.000`,
    timeInBed: total,
    type: 'stages',
  };
}

/**
 * Vendor payloads for a person's wearables over the `wearableDays` days before
 * `asOf`, in the vendors' own formats (paths relative to the wearables folder):
 *
 * - `enrollments/<person.key>.json`: `{enrollments: [...]}` linking each device
 *   account to the person's Riverside MRN (the enrollment the app sends when the
 *   patient connects a device), with the account's time zone.
 * - `fitbit/<userId>/heart-<date>.json`: Fitbit `activities/heart` with 5-minute
 *   intraday detail (local times, as Fitbit sends them).
 * - `fitbit/<userId>/steps-<date>.json`: Fitbit `activities/steps` with 5-minute
 *   intraday counts that sum to the daily total.
 * - `fitbit/<userId>/sleep-<date>.json`: Fitbit sleep log (v1.2, stages) of the
 *   night ending on that date.
 * - `dexcom/<serial>/egvs.json`: Dexcom API v3 EGVs every 5 minutes over all the
 *   days (for people with a CGM).
 *
 * The account id of every data file is the name of its folder. Deterministic:
 * the same person and options give the same bytes.
 */
export function emitWearablePayloads(person: Person, options: PopulationOptions): EmittedFile[] {
  const wearable = person.wearable;
  if (!wearable) return [];
  const files: EmittedFile[] = [];
  const dates = wearableDates(options);
  const identifiers = [
    { system: VENDOR_SYSTEMS.riversideMrn, value: person.ids.mrn, typeCode: 'MR' },
  ];
  const enrollments: unknown[] = [
    { vendor: 'fitbit', accountId: wearable.userId, timeZone: WEARABLE_TIME_ZONE, identifiers },
  ];
  const nightOf = (date: string) =>
    sleepWindow(
      new Random(options.seed, 'wearable-sleep', person.index, date),
      wearable.sleepHours,
    );
  for (const date of dates) {
    const random = new Random(options.seed, 'wearable-day', person.index, date);
    const tonight = nightOf(date);
    const tomorrow = dateOf(Date.parse(`${date}T00:00:00Z`) + DAY_MS);
    const nextNight = nightOf(tomorrow);
    const asleep = (slot: number) => {
      const minute = slot * SLOT_MINUTES;
      return minute < tonight.endMinute || minute >= 1440 + nextNight.startMinute;
    };
    const activity = activityProfile(random.fork('activity'), asleep);
    const dayFactor = Math.max(0.4, random.normal(1, 0.18));
    const steps = stepsPerSlot(activity, Math.round(wearable.dailySteps * dayFactor));
    const heart = heartRatePerSlot(
      random.fork('heart'),
      wearable.restingHeartRate,
      activity,
      asleep,
    );
    const timeOf = (slot: number) => {
      const minute = slot * SLOT_MINUTES;
      return `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}:00`;
    };
    // On the spring-forward day the skipped local hour has no samples, as on the device.
    const exists = (slot: number) =>
      localMsToInstant(Date.parse(`${date}T${timeOf(slot)}Z`), {
        timeZone: WEARABLE_TIME_ZONE,
      })!.iso.slice(11, 19) === timeOf(slot);
    const folder = `fitbit/${wearable.userId}`;
    files.push({
      path: `${folder}/heart-${date}.json`,
      content: json({
        'activities-heart': [
          {
            dateTime: date,
            value: {
              customHeartRateZones: [],
              heartRateZones: [
                { caloriesOut: 0, max: 104, min: 30, minutes: 0, name: 'Out of Range' },
                { caloriesOut: 0, max: 126, min: 104, minutes: 0, name: 'Fat Burn' },
                { caloriesOut: 0, max: 157, min: 126, minutes: 0, name: 'Cardio' },
                { caloriesOut: 0, max: 220, min: 157, minutes: 0, name: 'Peak' },
              ],
              restingHeartRate: wearable.restingHeartRate,
            },
          },
        ],
        'activities-heart-intraday': {
          dataset: heart.flatMap((value, slot) =>
            exists(slot) ? [{ time: timeOf(slot), value }] : [],
          ),
          datasetInterval: SLOT_MINUTES,
          datasetType: 'minute',
        },
      }),
    });
    files.push({
      path: `${folder}/steps-${date}.json`,
      content: json({
        'activities-steps': [
          {
            dateTime: date,
            value: String(steps.reduce((sum, v, slot) => sum + (exists(slot) ? v : 0), 0)),
          },
        ],
        'activities-steps-intraday': {
          dataset: steps.flatMap((value, slot) =>
            exists(slot) ? [{ time: timeOf(slot), value }] : [],
          ),
          datasetInterval: SLOT_MINUTES,
          datasetType: 'minute',
        },
      }),
    });
    const log = fitbitSleepLog(person, date, tonight, random.fork('stages'));
    files.push({
      path: `${folder}/sleep-${date}.json`,
      content: json({
        sleep: [log],
        summary: {
          stages: Object.fromEntries(
            Object.entries(log.levels.summary).map(([level, s]) => [level, s.minutes]),
          ),
          totalMinutesAsleep: log.minutesAsleep,
          totalSleepRecords: 1,
          totalTimeInBed: log.timeInBed,
        },
      }),
    });
  }
  if (wearable.cgm) {
    const cgm = wearable.cgm;
    enrollments.push({
      vendor: 'dexcom',
      accountId: cgm.serial,
      timeZone: WEARABLE_TIME_ZONE,
      identifiers,
    });
    const random = new Random(options.seed, 'wearable-cgm', person.index);
    const values = glucoseCurve(random.fork('curve'), dates.length, cgm.meanGlucose, cgm.sd);
    const ids = random.fork('ids');
    const transmitterId = `8${ids.digits(1)}${ids.pick(['A', 'G', 'H', 'K', 'L', 'M'])}${ids.digits(3)}`;
    // A sensor reads every 5 minutes of real time (through DST changes too).
    const firstMs = localMidnight(dates[0]!);
    const records = values.map((value, index) => {
      const ms = firstMs + index * SLOT_MINUTES * 60_000;
      const at = { ms, offsetMinutes: zoneOffsetAt(WEARABLE_TIME_ZONE, ms) };
      const rate = index === 0 ? 0 : (value - values[index - 1]!) / SLOT_MINUTES;
      return {
        recordId: ids.uuid(),
        systemTime: new Date(at.ms).toISOString().slice(0, 19),
        displayTime: formatInstant(at.ms, at.offsetMinutes),
        transmitterId,
        transmitterTicks: 3_000_000 + index * 300,
        value,
        status: value <= 40 ? 'low' : value >= 400 ? 'high' : 'ok',
        trend: dexcomTrend(rate),
        trendRate: Math.round(rate * 10) / 10,
        unit: 'mg/dL',
        rateUnit: 'mg/dL/min',
        displayDevice: 'iOS',
        transmitterGeneration: 'g7',
      };
    });
    files.push({
      path: `dexcom/${cgm.serial}/egvs.json`,
      content: json({ recordType: 'egv', recordVersion: '3.0', userId: ids.uuid(), records }),
    });
  }
  files.unshift({ path: `enrollments/${person.key}.json`, content: json({ enrollments }) });
  return files;
}
