import {
  emptyMapping,
  isRecord,
  numberOf,
  type MappingResult,
  type MeasureType,
} from './mapped-types';
import {
  formatInstant,
  instantInZone,
  isValidTimeZone,
  parseLocalDateTime,
  type ZoneSpec,
} from './time';
import { roundTo } from './units';

/** Withings measure types kept (https://developer.withings.com/api-reference/#tag/measure). */
const MEASURE_TYPES: Record<number, { type: MeasureType; unit: string }> = {
  9: { type: 'blood-pressure-diastolic', unit: 'mmHg' },
  10: { type: 'blood-pressure-systolic', unit: 'mmHg' },
  11: { type: 'heart-rate', unit: 'bpm' },
  54: { type: 'oxygen-saturation', unit: '%' },
};
const SLEEP_STATES: Record<number, string> = { 0: 'awake', 1: 'light', 2: 'deep', 3: 'rem' };

function zoneOf(timezone: unknown, fallback: ZoneSpec): ZoneSpec {
  return typeof timezone === 'string' && isValidTimeZone(timezone)
    ? { timeZone: timezone }
    : fallback;
}

/**
 * Withings API responses (`{status, body}`): sleep summaries (`body.series[]`
 * with light/deep/REM/wake durations), sleep state segments (`body.series[]` of
 * {startdate, enddate, state}), measure groups (blood pressure 9/10, pulse 11,
 * SpO2 54; value x 10^unit; category 2 is a goal, not a measurement), daily
 * activity (`body.activities[]`) and intraday activity (`body.series{epoch: ...}`).
 * Times are epoch seconds; each record's own `timezone`, or the body's, is kept.
 */
export function withingsToPoints(payload: unknown, zone: ZoneSpec | null): MappingResult {
  const result = emptyMapping();
  if (!isRecord(payload) || !isRecord(payload.body)) {
    result.rejected.push({ location: '$', reason: 'not a Withings response' });
    return result;
  }
  if (payload.status !== 0) {
    result.rejected.push({
      location: '$.status',
      reason: `Withings error status ${String(payload.status)}`,
    });
    return result;
  }
  const body = payload.body;
  const bodyZone = zoneOf(body.timezone, zone ?? { utcOffset: 'Z' });
  const at = (seconds: unknown, where: ZoneSpec) => {
    const value = numberOf(seconds);
    return value === null ? null : instantInZone(value * 1000, where);
  };

  if (Array.isArray(body.measuregrps)) {
    body.measuregrps.forEach((group: unknown, index: number) => {
      const location = `body.measuregrps[${index}]`;
      if (!isRecord(group)) return result.rejected.push({ location, reason: 'must be an object' });
      if (group.category === 2) {
        return result.rejected.push({
          location,
          reason: 'category 2 is a goal, not a measurement',
        });
      }
      const time = at(group.date, bodyZone);
      if (!time) return result.rejected.push({ location, reason: 'needs date (epoch seconds)' });
      const measures = Array.isArray(group.measures) ? group.measures : [];
      let kept = 0;
      for (const measure of measures) {
        if (!isRecord(measure)) continue;
        const kind = MEASURE_TYPES[numberOf(measure.type) ?? -1];
        const value = numberOf(measure.value);
        const scale = numberOf(measure.unit) ?? 0;
        if (!kind || value === null) continue;
        const scaled = roundTo(value * 10 ** scale, 6);
        kept++;
        result.points.push({
          type: kind.type,
          statistic: '',
          startMs: time.ms,
          startIso: time.iso,
          endMs: null,
          endIso: null,
          value: scaled,
          originalValue: scaled,
          originalUnit: kind.unit,
          sourceId: group.grpid === undefined ? null : String(group.grpid),
        });
      }
      if (kept === 0) {
        result.rejected.push({
          location,
          reason:
            'no blood pressure, pulse or SpO2 measure (weight and others are not stored here)',
        });
      }
    });
  }

  if (Array.isArray(body.activities)) {
    body.activities.forEach((day: unknown, index: number) => {
      const location = `body.activities[${index}]`;
      const steps = isRecord(day) ? numberOf(day.steps) : null;
      if (!isRecord(day) || typeof day.date !== 'string' || steps === null) {
        return result.rejected.push({ location, reason: 'needs date and steps' });
      }
      const start = parseLocalDateTime(`${day.date}T00:00:00`, zoneOf(day.timezone, bodyZone));
      if (!start) return result.rejected.push({ location, reason: 'date must be YYYY-MM-DD' });
      const endMs = start.ms + 86_400_000;
      result.points.push({
        type: 'steps',
        statistic: 'sum',
        startMs: start.ms,
        startIso: start.iso,
        endMs,
        endIso: formatInstant(endMs, start.offsetMinutes),
        value: steps,
        originalValue: steps,
        originalUnit: 'steps',
        sourceId: null,
      });
    });
  }

  if (isRecord(body.series)) {
    // Intraday activity: keys are epoch seconds, entries count steps over `duration` s.
    for (const [epoch, entry] of Object.entries(body.series)) {
      const steps = isRecord(entry) ? numberOf(entry.steps) : null;
      const duration = isRecord(entry) ? numberOf(entry.duration) : null;
      const start = at(epoch, bodyZone);
      if (steps === null) continue; // periods without a count (inactivity) hold nothing to store
      if (!start || duration === null) {
        result.rejected.push({
          location: `body.series.${epoch}`,
          reason: 'needs an epoch key and duration',
        });
        continue;
      }
      const endMs = start.ms + duration * 1000;
      result.points.push({
        type: 'steps',
        statistic: '',
        startMs: start.ms,
        startIso: start.iso,
        endMs,
        endIso: formatInstant(endMs, start.offsetMinutes),
        value: steps,
        originalValue: steps,
        originalUnit: 'steps',
        sourceId: null,
      });
    }
  } else if (Array.isArray(body.series)) {
    mapSleepSeries(body.series, bodyZone, at, result);
  }
  return result;
}

function mapSleepSeries(
  series: unknown[],
  bodyZone: ZoneSpec,
  at: (seconds: unknown, where: ZoneSpec) => ReturnType<typeof instantInZone>,
  result: MappingResult,
): void {
  const segments: {
    start: NonNullable<ReturnType<typeof instantInZone>>;
    seconds: number;
    level: string;
  }[] = [];
  series.forEach((entry: unknown, index: number) => {
    const location = `body.series[${index}]`;
    if (!isRecord(entry)) return result.rejected.push({ location, reason: 'must be an object' });
    const where = zoneOf(entry.timezone, bodyZone);
    const start = at(entry.startdate, where);
    const end = at(entry.enddate, where);
    if (!start || !end || end.ms < start.ms) {
      return result.rejected.push({
        location,
        reason: 'needs startdate before enddate (epoch seconds)',
      });
    }
    if (isRecord(entry.data)) {
      // A night's summary: durations in seconds per stage.
      const seconds = (key: string) => numberOf((entry.data as Record<string, unknown>)[key]) ?? 0;
      const stages = [
        { level: 'light', minutes: seconds('lightsleepduration') / 60 },
        { level: 'deep', minutes: seconds('deepsleepduration') / 60 },
        { level: 'rem', minutes: seconds('remsleepduration') / 60 },
        { level: 'awake', minutes: seconds('wakeupduration') / 60 },
      ].filter((stage) => stage.minutes > 0);
      result.sleep.push({
        startMs: start.ms,
        startIso: start.iso,
        endMs: end.ms,
        endIso: end.iso,
        minutesAsleep: roundTo(
          (seconds('lightsleepduration') +
            seconds('deepsleepduration') +
            seconds('remsleepduration')) /
            60,
          2,
        ),
        minutesAwake: roundTo(seconds('wakeupduration') / 60, 2),
        efficiency: null,
        isMainSleep: null,
        stages: stages.map((stage) => ({
          ...stage,
          minutes: roundTo(stage.minutes, 2),
          count: null,
        })),
        segments: [],
        sourceId: entry.id === undefined ? null : String(entry.id),
      });
      return;
    }
    const level = SLEEP_STATES[numberOf(entry.state) ?? -1];
    if (!level)
      return result.rejected.push({
        location,
        reason: 'state must be 0-3 (awake, light, deep, REM)',
      });
    segments.push({ start, seconds: (end.ms - start.ms) / 1000, level });
  });
  if (segments.length === 0) return;
  // Sleep state segments of one request form one episode.
  segments.sort((a, b) => a.start.ms - b.start.ms);
  const first = segments[0]!;
  const last = segments.at(-1)!;
  const endMs = last.start.ms + last.seconds * 1000;
  const minutesOf = (level: string) =>
    segments.filter((s) => s.level === level).reduce((sum, s) => sum + s.seconds / 60, 0);
  const awake = minutesOf('awake');
  result.sleep.push({
    startMs: first.start.ms,
    startIso: first.start.iso,
    endMs,
    endIso: formatInstant(endMs, last.start.offsetMinutes),
    minutesAsleep: roundTo(minutesOf('light') + minutesOf('deep') + minutesOf('rem'), 2),
    minutesAwake: roundTo(awake, 2),
    efficiency: null,
    isMainSleep: null,
    stages: [...new Set(segments.map((s) => s.level))].map((level) => ({
      level,
      minutes: roundTo(minutesOf(level), 2),
      count: segments.filter((s) => s.level === level).length,
    })),
    segments: segments.map((s) => ({
      start: s.start.iso,
      level: s.level,
      seconds: Math.round(s.seconds),
    })),
    sourceId: null,
  });
}
