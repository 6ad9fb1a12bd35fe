import { fitbitZone } from './fitbit-local-time';
import {
  emptyMapping,
  isRecord,
  numberOf,
  type MappingResult,
  type SleepSegment,
  type SleepStageSummary,
} from './mapped-types';
import { formatInstant, parseLocalDateTime, type ZoneSpec } from './time';

/**
 * Fitbit sleep logs (GET /1.2/user/-/sleep/date/...json): one entry per sleep,
 * local start/end times, `levels.summary` minutes per stage (classic logs:
 * asleep/restless/awake; stages logs: deep/light/rem/wake) and `levels.data`
 * segments. `levels.shortData` (short wakes inside stages logs) overlaps `data`
 * and is not kept as segments; its minutes are in the summary already.
 */
export function fitbitSleepToEpisodes(payload: unknown, zoneSpec: ZoneSpec | null): MappingResult {
  const result = emptyMapping();
  if (!isRecord(payload) || !Array.isArray(payload.sleep)) {
    result.rejected.push({ location: '$', reason: 'not a Fitbit sleep response' });
    return result;
  }
  if (payload.sleep.length === 0) return result;
  const zone = fitbitZone(zoneSpec, result.warnings);
  payload.sleep.forEach((log: unknown, index: number) => {
    const location = `sleep[${index}]`;
    if (!isRecord(log) || typeof log.startTime !== 'string') {
      result.rejected.push({ location, reason: 'startTime must be a local date-time' });
      return;
    }
    const start = parseLocalDateTime(log.startTime, zone);
    if (!start) {
      result.rejected.push({ location, reason: 'startTime must be a local date-time' });
      return;
    }
    const duration = numberOf(log.duration);
    let end = typeof log.endTime === 'string' ? parseLocalDateTime(log.endTime, zone) : null;
    if (!end && duration !== null) {
      const ms = start.ms + duration;
      end = { ms, iso: formatInstant(ms, start.offsetMinutes), offsetMinutes: start.offsetMinutes };
    }
    if (!end || end.ms < start.ms) {
      result.rejected.push({ location, reason: 'needs an endTime (or duration) after startTime' });
      return;
    }
    const levels = isRecord(log.levels) ? log.levels : {};
    const stages: SleepStageSummary[] = isRecord(levels.summary)
      ? Object.entries(levels.summary).flatMap(([level, value]) => {
          const minutes = isRecord(value) ? numberOf(value.minutes) : null;
          return minutes === null
            ? []
            : [{ level, minutes, count: isRecord(value) ? numberOf(value.count) : null }];
        })
      : [];
    const segments: SleepSegment[] = Array.isArray(levels.data)
      ? levels.data.flatMap((segment: unknown) => {
          if (!isRecord(segment) || typeof segment.dateTime !== 'string') return [];
          const at = parseLocalDateTime(segment.dateTime, zone);
          const seconds = numberOf(segment.seconds);
          if (!at || seconds === null || typeof segment.level !== 'string') return [];
          return [{ start: at.iso, level: segment.level, seconds }];
        })
      : [];
    result.sleep.push({
      startMs: start.ms,
      startIso: start.iso,
      endMs: end.ms,
      endIso: end.iso,
      minutesAsleep: numberOf(log.minutesAsleep),
      minutesAwake: numberOf(log.minutesAwake),
      efficiency: numberOf(log.efficiency),
      isMainSleep: typeof log.isMainSleep === 'boolean' ? log.isMainSleep : null,
      stages,
      segments,
      sourceId: log.logId !== undefined && log.logId !== null ? String(log.logId) : null,
    });
  });
  return result;
}
