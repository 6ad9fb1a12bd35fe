import { datasetIntervalSeconds, fitbitZone, IntradayClock } from './fitbit-local-time';
import {
  emptyMapping,
  isFiniteNumber,
  isRecord,
  numberOf,
  type MappingResult,
} from './mapped-types';
import { addDays, formatInstant, parseLocalDateTime, type ZoneSpec } from './time';

/**
 * Fitbit steps (GET /1/user/-/activities/steps/date/.../1min.json, or the plain
 * time series). Intraday entries count the steps of one interval starting at a
 * local time: each becomes a `steps` point covering that interval (zeros kept: a
 * worn device that counted nothing is information). Daily totals are kept apart,
 * as `sum` aggregates, so they never double the intraday counts in a series.
 */
export function fitbitStepsToPoints(payload: unknown, zoneSpec: ZoneSpec | null): MappingResult {
  const result = emptyMapping();
  if (!isRecord(payload) || !Array.isArray(payload['activities-steps'])) {
    result.rejected.push({ location: '$', reason: 'not a Fitbit steps response' });
    return result;
  }
  const zone = fitbitZone(zoneSpec, result.warnings);
  const days = payload['activities-steps'] as unknown[];
  days.forEach((day, index) => {
    const location = `activities-steps[${index}]`;
    const total = isRecord(day) ? numberOf(day.value) : null;
    if (!isRecord(day) || !IntradayClock.valid(day.dateTime) || total === null || total < 0) {
      result.rejected.push({
        location,
        reason: 'needs dateTime (YYYY-MM-DD) and a non-negative step count in value',
      });
      return;
    }
    const start = parseLocalDateTime(`${day.dateTime}T00:00:00`, zone);
    const end = parseLocalDateTime(`${addDays(day.dateTime, 1)}T00:00:00`, zone);
    if (!start || !end) return;
    result.points.push({
      type: 'steps',
      statistic: 'sum',
      startMs: start.ms,
      startIso: start.iso,
      endMs: end.ms,
      endIso: end.iso,
      value: total,
      originalValue: total,
      originalUnit: 'steps',
      sourceId: null,
    });
  });

  const intraday = payload['activities-steps-intraday'];
  if (intraday === undefined) return result;
  if (!isRecord(intraday) || !Array.isArray(intraday.dataset)) {
    result.rejected.push({
      location: 'activities-steps-intraday',
      reason: 'dataset must be an array',
    });
    return result;
  }
  const firstDay = days[0];
  const date = isRecord(firstDay) ? firstDay.dateTime : undefined;
  if (!IntradayClock.valid(date)) {
    result.rejected.push({
      location: 'activities-steps-intraday',
      reason: 'intraday entries need the day from activities-steps[0].dateTime',
    });
    return result;
  }
  const clock = new IntradayClock(date, zone);
  const seconds = datasetIntervalSeconds(intraday.datasetInterval, intraday.datasetType);
  intraday.dataset.forEach((entry: unknown, index: number) => {
    const location = `activities-steps-intraday.dataset[${index}]`;
    if (!isRecord(entry)) {
      result.rejected.push({ location, reason: 'entry must be an object' });
      return;
    }
    const at = clock.at(entry.time);
    if (!at) {
      result.rejected.push({ location, reason: 'time must be HH:MM:SS' });
      return;
    }
    if (!isFiniteNumber(entry.value) || entry.value < 0) {
      result.rejected.push({ location, reason: 'value must be a non-negative step count' });
      return;
    }
    const endMs = at.ms + seconds * 1000;
    result.points.push({
      type: 'steps',
      statistic: '',
      startMs: at.ms,
      startIso: at.iso,
      endMs,
      endIso: formatInstant(endMs, at.offsetMinutes),
      value: entry.value,
      originalValue: entry.value,
      originalUnit: 'steps',
      sourceId: null,
    });
  });
  return result;
}
