import { fitbitZone, IntradayClock } from './fitbit-local-time';
import {
  emptyMapping,
  isFiniteNumber,
  isRecord,
  numberOf,
  type MappingResult,
} from './mapped-types';
import { addDays, parseLocalDateTime, type ZoneSpec } from './time';

/** Plausible human heart rates; anything outside is a sensor artefact, not a reading. */
const MIN_BPM = 20;
const MAX_BPM = 300;

/**
 * Fitbit Web API heart rate (GET /1/user/-/activities/heart/date/.../1min.json):
 * `activities-heart` holds daily summaries (resting heart rate under
 * `value.restingHeartRate`, or a bare string in older responses), and
 * `activities-heart-intraday.dataset` the samples of the first day as local times.
 * Samples become `heart-rate` points; resting rates daily `resting` aggregates.
 */
export function fitbitHeartToPoints(payload: unknown, zoneSpec: ZoneSpec | null): MappingResult {
  const result = emptyMapping();
  if (!isRecord(payload) || !Array.isArray(payload['activities-heart'])) {
    result.rejected.push({ location: '$', reason: 'not a Fitbit heart rate response' });
    return result;
  }
  const zone = fitbitZone(zoneSpec, result.warnings);
  const days = payload['activities-heart'] as unknown[];
  days.forEach((day, index) => {
    const location = `activities-heart[${index}]`;
    if (!isRecord(day) || !IntradayClock.valid(day.dateTime)) {
      result.rejected.push({ location, reason: 'dateTime must be a YYYY-MM-DD date' });
      return;
    }
    const resting = isRecord(day.value) ? numberOf(day.value.restingHeartRate) : null;
    if (resting === null) return;
    const start = parseLocalDateTime(`${day.dateTime}T00:00:00`, zone);
    const end = parseLocalDateTime(`${addDays(day.dateTime, 1)}T00:00:00`, zone);
    if (!start || !end) return;
    result.points.push({
      type: 'heart-rate',
      statistic: 'resting',
      startMs: start.ms,
      startIso: start.iso,
      endMs: end.ms,
      endIso: end.iso,
      value: resting,
      originalValue: resting,
      originalUnit: 'bpm',
      sourceId: null,
    });
  });

  const intraday = payload['activities-heart-intraday'];
  if (intraday === undefined) return result;
  if (!isRecord(intraday) || !Array.isArray(intraday.dataset)) {
    result.rejected.push({
      location: 'activities-heart-intraday',
      reason: 'dataset must be an array',
    });
    return result;
  }
  const firstDay = days[0];
  const date = isRecord(firstDay) ? firstDay.dateTime : undefined;
  if (!IntradayClock.valid(date)) {
    result.rejected.push({
      location: 'activities-heart-intraday',
      reason: 'intraday samples need the day from activities-heart[0].dateTime',
    });
    return result;
  }
  const clock = new IntradayClock(date, zone);
  intraday.dataset.forEach((sample: unknown, index: number) => {
    const location = `activities-heart-intraday.dataset[${index}]`;
    if (!isRecord(sample)) {
      result.rejected.push({ location, reason: 'sample must be an object' });
      return;
    }
    const at = clock.at(sample.time);
    if (!at) {
      result.rejected.push({ location, reason: 'time must be HH:MM:SS' });
      return;
    }
    if (!isFiniteNumber(sample.value) || sample.value < MIN_BPM || sample.value > MAX_BPM) {
      result.rejected.push({
        location,
        reason: `value must be a heart rate between ${MIN_BPM} and ${MAX_BPM} bpm`,
      });
      return;
    }
    result.points.push({
      type: 'heart-rate',
      statistic: '',
      startMs: at.ms,
      startIso: at.iso,
      endMs: null,
      endIso: null,
      value: sample.value,
      originalValue: sample.value,
      originalUnit: 'bpm',
      sourceId: null,
    });
  });
  return result;
}
