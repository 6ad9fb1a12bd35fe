import { addDays, isIsoDate, localMsToInstant, type Instant, type ZoneSpec } from './time';

/**
 * Fitbit sends intraday times as local wall-clock times ("14:27:00") of a day
 * given elsewhere in the response, with no offset: the offset is a property of
 * the user's profile. The ingest request (or the account's enrollment) supplies
 * the zone; when neither does, times are read as UTC and the summary says so.
 */
export function fitbitZone(zone: ZoneSpec | null, warnings: string[]): ZoneSpec {
  if (zone?.timeZone || zone?.utcOffset) return zone;
  warnings.push(
    'Fitbit local times were read as UTC: no timeZone/utcOffset on the request or the enrollment',
  );
  return { utcOffset: 'Z' };
}

/** Two ASCII digits at `at` as a number, or NaN. */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 48;
  const ones = text.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : Number.NaN;
}

/**
 * "HH:MM" or "HH:MM:SS" as seconds since midnight; null for anything else. Read
 * by character: a day of Fitbit heart rate holds thousands of these.
 */
export function secondsOfDay(time: string): number | null {
  if (time.length !== 5 && time.length !== 8) return null;
  if (time[2] !== ':' || (time.length === 8 && time[5] !== ':')) return null;
  const h = twoDigits(time, 0);
  const m = twoDigits(time, 3);
  const s = time.length === 8 ? twoDigits(time, 6) : 0;
  if (!(h <= 23 && m <= 59 && s <= 59)) return null; // NaN fails too
  return h * 3600 + m * 60 + s;
}

/**
 * Walks an intraday dataset's "HH:MM:SS" times from a start date, moving to the
 * next day when a time goes backwards (a range that crosses midnight).
 */
export class IntradayClock {
  private date: string;
  /** The date's midnight as if it were UTC: wall-clock times are added to it. */
  private midnightMs: number;
  private previous = -1;

  constructor(
    startDate: string,
    private readonly zone: ZoneSpec,
  ) {
    this.date = startDate;
    this.midnightMs = Date.parse(`${startDate}T00:00:00Z`);
  }

  static valid(date: unknown): date is string {
    return isIsoDate(date);
  }

  at(time: unknown): Instant | null {
    const seconds = typeof time === 'string' ? secondsOfDay(time) : null;
    if (seconds === null) return null;
    if (seconds < this.previous) {
      this.date = addDays(this.date, 1);
      this.midnightMs = Date.parse(`${this.date}T00:00:00Z`);
    }
    this.previous = seconds;
    // A dataset holds thousands of times of one day: add them to its midnight
    // rather than writing and parsing a date-time text for each.
    if (Number.isNaN(this.midnightMs)) return null;
    return localMsToInstant(this.midnightMs + seconds * 1000, this.zone);
  }
}

/** Seconds per dataset entry from Fitbit's datasetInterval/datasetType pair. */
export function datasetIntervalSeconds(interval: unknown, type: unknown): number {
  const count = typeof interval === 'number' && interval > 0 ? interval : 1;
  if (type === 'second') return count;
  if (type === 'hour') return count * 3600;
  return count * 60;
}
