import { addDays, isIsoDate, parseLocalDateTime, type Instant, type ZoneSpec } from './time';

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

/**
 * Walks an intraday dataset's "HH:MM:SS" times from a start date, moving to the
 * next day when a time goes backwards (a range that crosses midnight).
 */
export class IntradayClock {
  private date: string;
  private previous = -1;

  constructor(
    startDate: string,
    private readonly zone: ZoneSpec,
  ) {
    this.date = startDate;
  }

  static valid(date: unknown): date is string {
    return isIsoDate(date);
  }

  at(time: unknown): Instant | null {
    if (typeof time !== 'string' || !/^\d{2}:\d{2}(:\d{2})?$/.test(time)) return null;
    const [h, m, s] = time.split(':').map(Number) as [number, number, number | undefined];
    const seconds = h * 3600 + m * 60 + (s ?? 0);
    if (h > 23 || m > 59 || (s ?? 0) > 59) return null;
    if (seconds < this.previous) this.date = addDays(this.date, 1);
    this.previous = seconds;
    return parseLocalDateTime(`${this.date}T${time.length === 5 ? `${time}:00` : time}`, this.zone);
  }
}

/** Seconds per dataset entry from Fitbit's datasetInterval/datasetType pair. */
export function datasetIntervalSeconds(interval: unknown, type: unknown): number {
  const count = typeof interval === 'number' && interval > 0 ? interval : 1;
  if (type === 'second') return count;
  if (type === 'hour') return count * 3600;
  return count * 60;
}
