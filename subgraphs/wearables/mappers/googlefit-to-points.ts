import {
  emptyMapping,
  isRecord,
  numberOf,
  type MappedPoint,
  type MappingResult,
  type MeasureType,
} from './mapped-types';
import { instantInZone, type Instant, type ZoneSpec } from './time';
import { MG_DL_PER_MMOL_L, roundTo } from './units';

/** Google Fit activity types that are sleep (https://developers.google.com/fit/rest/v1/reference/activity-types). */
const SLEEP_ACTIVITY: Record<number, string> = {
  72: 'asleep',
  109: 'light',
  110: 'deep',
  111: 'rem',
  112: 'awake',
};

function nanosToMs(value: unknown): number | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  try {
    return Number(BigInt(value) / 1_000_000n);
  } catch {
    return null;
  }
}

function fieldValue(point: Record<string, unknown>, index: number): number | null {
  const values = Array.isArray(point.value) ? point.value : [];
  const entry: unknown = values[index];
  if (!isRecord(entry)) return null;
  return numberOf(entry.fpVal) ?? numberOf(entry.intVal);
}

/**
 * Google Fit dataset responses (`users/me/dataSources/<id>/datasets/<range>`):
 * `point[]` with nanosecond start/end times and typed `value[]`. Heart rate
 * (bpm), step deltas, blood glucose (mmol/L in Fit's data type), blood pressure,
 * oxygen saturation, and sleep activity segments are kept; other data types are
 * rejected by name. Fit has no time zone: times are shown in the account's zone
 * when it is known, else in UTC.
 */
export function googleFitToPoints(payload: unknown, zone: ZoneSpec | null): MappingResult {
  const result = emptyMapping();
  if (!isRecord(payload) || typeof payload.dataSourceId !== 'string') {
    result.rejected.push({ location: '$', reason: 'not a Google Fit dataset response' });
    return result;
  }
  const dataSourceId = payload.dataSourceId;
  const points = Array.isArray(payload.point) ? payload.point : [];
  const shownIn = zone ?? { utcOffset: 'Z' };
  const sleepStages: { start: Instant; end: Instant; level: string; sourceId: string | null }[] =
    [];
  points.forEach((point: unknown, index: number) => {
    const location = `point[${index}]`;
    const reject = (reason: string) => result.rejected.push({ location, reason });
    if (!isRecord(point)) return reject('point must be an object');
    const startMs = nanosToMs(point.startTimeNanos);
    const endMs = nanosToMs(point.endTimeNanos);
    const start = startMs === null ? null : instantInZone(startMs, shownIn);
    const end = endMs === null ? null : instantInZone(endMs, shownIn);
    if (!start || !end || end.ms < start.ms) {
      return reject('needs startTimeNanos and endTimeNanos (end not before start)');
    }
    const dataType = String(point.dataTypeName ?? dataSourceId.split(':')[1] ?? '');
    const sourceId = typeof point.originDataSourceId === 'string' ? point.originDataSourceId : null;
    const instantOnly = end.ms === start.ms;
    const push = (type: MeasureType, value: number, original: number, unit: string) => {
      const mapped: MappedPoint = {
        type,
        statistic: '',
        startMs: start.ms,
        startIso: start.iso,
        endMs: instantOnly ? null : end.ms,
        endIso: instantOnly ? null : end.iso,
        value,
        originalValue: original,
        originalUnit: unit,
        sourceId,
      };
      result.points.push(mapped);
    };
    const first = fieldValue(point, 0);
    switch (dataType) {
      case 'com.google.heart_rate.bpm':
        if (first === null || first <= 0) return reject('no heart rate in value[0].fpVal');
        return push('heart-rate', first, first, 'bpm');
      case 'com.google.step_count.delta':
        if (first === null || first < 0) return reject('no step count in value[0].intVal');
        return push('steps', first, first, 'steps');
      case 'com.google.blood_glucose':
        if (first === null || first <= 0) return reject('no glucose in value[0].fpVal');
        return push('glucose', roundTo(first * MG_DL_PER_MMOL_L, 3), first, 'mmol/L');
      case 'com.google.oxygen_saturation':
        if (first === null || first <= 0) return reject('no saturation in value[0].fpVal');
        return push('oxygen-saturation', first, first, '%');
      case 'com.google.blood_pressure': {
        const diastolic = fieldValue(point, 1);
        if (first === null || diastolic === null) {
          return reject('blood pressure needs systolic value[0] and diastolic value[1]');
        }
        push('blood-pressure-systolic', first, first, 'mmHg');
        return push('blood-pressure-diastolic', diastolic, diastolic, 'mmHg');
      }
      case 'com.google.activity.segment': {
        const level = first === null ? undefined : SLEEP_ACTIVITY[first];
        if (!level) {
          return reject(
            `activity type ${first} is not sleep; physical activity is not stored here`,
          );
        }
        sleepStages.push({ start, end, level, sourceId });
        return;
      }
      default:
        return reject(`Google Fit data type ${dataType || 'unknown'} is not a series stored here`);
    }
  });
  // Adjacent sleep segments (72, or the 109-112 stages) form one episode.
  let episode: typeof sleepStages = [];
  const flush = () => {
    if (episode.length === 0) return;
    const first = episode[0]!;
    const last = episode.at(-1)!;
    const minutesOf = (level: string) =>
      episode
        .filter((s) => s.level === level)
        .reduce((sum, s) => sum + (s.end.ms - s.start.ms) / 60_000, 0);
    const levels = [...new Set(episode.map((s) => s.level))];
    const awake = minutesOf('awake');
    result.sleep.push({
      startMs: first.start.ms,
      startIso: first.start.iso,
      endMs: last.end.ms,
      endIso: last.end.iso,
      minutesAsleep: roundTo((last.end.ms - first.start.ms) / 60_000 - awake, 2),
      minutesAwake: roundTo(awake, 2),
      efficiency: null,
      isMainSleep: null,
      stages: levels.map((level) => ({
        level,
        minutes: roundTo(minutesOf(level), 2),
        count: episode.filter((s) => s.level === level).length,
      })),
      segments: episode.map((s) => ({
        start: s.start.iso,
        level: s.level,
        seconds: Math.round((s.end.ms - s.start.ms) / 1000),
      })),
      sourceId: first.sourceId,
    });
    episode = [];
  };
  for (const stage of [...sleepStages].sort((a, b) => a.start.ms - b.start.ms)) {
    const previous = episode.at(-1);
    if (previous && stage.start.ms > previous.end.ms) flush();
    episode.push(stage);
  }
  flush();
  return result;
}
