import { isRecord } from './mapped-types';
import { formatInstant, parseDateTime, type Instant, type ZoneSpec } from './time';
import { durationToMs } from './units';

export interface TimeSpan {
  start: Instant;
  end: Instant | null;
}

/** Local hours Open mHealth's part-of-day values stand for (SNOMED CT has no bounds). */
const PART_OF_DAY_HOURS: Record<string, [number, number]> = {
  morning: [6, 12],
  afternoon: [12, 18],
  evening: [18, 24],
  night: [0, 6],
};

function shift(instant: Instant, ms: number): Instant {
  const shifted = instant.ms + ms;
  return {
    ms: shifted,
    iso: formatInstant(shifted, instant.offsetMinutes),
    offsetMinutes: instant.offsetMinutes,
  };
}

/**
 * An Open mHealth / IEEE 1752 time frame (`date_time`, or a `time_interval` of
 * start+end, start+duration, end+duration or date+part_of_day) as a span. Times
 * without an offset, and dates, are read in `zone` (UTC unless the account says
 * otherwise), as the schemas' date-time definition prescribes.
 */
export function timeFrameToSpan(frame: unknown, zone: ZoneSpec): TimeSpan | null {
  if (!isRecord(frame)) return null;
  if (typeof frame.date_time === 'string') {
    const start = parseDateTime(frame.date_time, zone);
    return start ? { start, end: null } : null;
  }
  const interval = frame.time_interval;
  if (!isRecord(interval)) return null;
  const start =
    typeof interval.start_date_time === 'string'
      ? parseDateTime(interval.start_date_time, zone)
      : null;
  const end =
    typeof interval.end_date_time === 'string' ? parseDateTime(interval.end_date_time, zone) : null;
  const duration = isRecord(interval.duration)
    ? durationToMs(Number(interval.duration.value), String(interval.duration.unit))
    : null;
  if (start && end) return { start, end };
  if (start && duration !== null) return { start, end: shift(start, duration) };
  if (end && duration !== null) return { start: shift(end, -duration), end };
  if (typeof interval.date === 'string' && typeof interval.part_of_day === 'string') {
    const hours = PART_OF_DAY_HOURS[interval.part_of_day];
    const dayStart = parseDateTime(`${interval.date}T00:00:00`, zone);
    if (!hours || !dayStart) return null;
    return {
      start: shift(dayStart, hours[0] * 3_600_000),
      end: shift(dayStart, hours[1] * 3_600_000),
    };
  }
  return null;
}
