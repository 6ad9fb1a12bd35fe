/**
 * Instants and the offsets they were measured at. Every stored point keeps both:
 * epoch milliseconds for range scans and an ISO 8601 string with the original
 * UTC offset, so "07:25 at -08:00" never turns into "15:25Z" for the reader.
 */

/** Where a local (offset-less) vendor time is: an IANA zone, or a fixed offset. */
export interface ZoneSpec {
  timeZone?: string | null;
  utcOffset?: string | null;
}

export interface Instant {
  ms: number;
  iso: string;
  offsetMinutes: number;
}

const OFFSET_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/** Parses "+05:30", "-0800", "-08", "Z" into minutes east of UTC; null when invalid. */
export function parseUtcOffset(text: string): number | null {
  if (text === 'Z' || text === 'z') return 0;
  const match = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(text);
  if (!match) return null;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? '0');
  if (hours > 18 || minutes > 59) return null;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** "+HH:MM" (or "Z" for zero) for an offset in minutes. */
export function formatUtcOffset(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'Z';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The instant as ISO 8601 in the given offset; milliseconds only when not zero. */
export function formatInstant(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000);
  const millis = local.getUTCMilliseconds();
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    (millis ? `.${pad(millis, 3)}` : '') +
    formatUtcOffset(offsetMinutes)
  );
}

interface LocalParts {
  localMs: number;
  offset: string | undefined;
}

function parseParts(text: string): LocalParts | null {
  const match = OFFSET_DATE_TIME.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, frac, offset] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s ?? '0');
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) {
    return null;
  }
  const millis = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  const localMs = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), millis);
  // Date.UTC silently rolls 2021-02-30 over to March: refuse instead.
  if (new Date(localMs).getUTCDate() !== day && hour !== 24) return null;
  return { localMs, offset };
}

/**
 * Parses an ISO 8601 date-time that must carry its offset ("Z" or ±HH:MM). The
 * returned `iso` is the text as the vendor sent it: it already says the instant
 * and the offset, and keeping it verbatim is what "original" means.
 */
export function parseOffsetDateTime(text: string): Instant | null {
  const parts = parseParts(text);
  if (!parts?.offset) return null;
  const offsetMinutes = parseUtcOffset(parts.offset);
  if (offsetMinutes === null) return null;
  const ms = parts.localMs - offsetMinutes * 60_000;
  return { ms, iso: text.trim(), offsetMinutes };
}

/**
 * Parses an ISO 8601 date-time; one without offset is read in `fallback` (Open
 * mHealth's date-time schema says such times are UTC).
 */
export function parseDateTime(
  text: string,
  fallback: ZoneSpec = { utcOffset: 'Z' },
): Instant | null {
  const parts = parseParts(text);
  if (!parts) return null;
  if (parts.offset) return parseOffsetDateTime(text);
  return localMsToInstant(parts.localMs, fallback);
}

/** Reads a local, offset-less wall-clock time ("2016-12-13T01:16:00.000") in a zone. */
export function parseLocalDateTime(text: string, zone: ZoneSpec): Instant | null {
  const parts = parseParts(text);
  if (!parts) return null;
  if (parts.offset) return parseOffsetDateTime(text);
  return localMsToInstant(parts.localMs, zone);
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = zoneFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    zoneFormatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    zoneFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC (minutes) at an instant, read from the platform's tz data. */
function readZoneOffset(timeZone: string, ms: number): number {
  const name = zoneFormatter(timeZone)
    .formatToParts(new Date(ms))
    .find((part) => part.type === 'timeZoneName')?.value;
  if (!name || name === 'GMT') return 0;
  return parseUtcOffset(name.replace('GMT', '')) ?? 0;
}

const HOUR_MS = 3_600_000;
/** Offsets by zone, then by UTC hour; NaN marks an hour with a transition in it. */
const hourOffsets = new Map<string, Map<number, number>>();
const HOUR_OFFSETS_LIMIT = 200_000;
let hourOffsetCount = 0;

/**
 * The zone's offset from UTC (minutes) at an instant, DST included. Formatting a
 * date with Intl costs microseconds, and wearable ingest asks for every point
 * (a day of 5-minute readings asks 288 times for the same few hours), so each
 * UTC hour is read once: at its first and last millisecond, and kept when both
 * agree. An hour holding a transition is read per instant, as before.
 */
export function zoneOffsetAt(timeZone: string, ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  let byHour = hourOffsets.get(timeZone);
  if (!byHour) hourOffsets.set(timeZone, (byHour = new Map()));
  let offset = byHour.get(hour);
  if (offset === undefined) {
    const first = readZoneOffset(timeZone, hour * HOUR_MS);
    const last = readZoneOffset(timeZone, hour * HOUR_MS + HOUR_MS - 1);
    offset = first === last ? first : Number.NaN;
    // Bounded: a year of hours in a few dozen zones; cleared wholesale past that.
    if (hourOffsetCount >= HOUR_OFFSETS_LIMIT) {
      hourOffsets.clear();
      hourOffsetCount = 0;
      hourOffsets.set(timeZone, (byHour = new Map()));
    }
    byHour.set(hour, offset);
    hourOffsetCount++;
  }
  return Number.isNaN(offset) ? readZoneOffset(timeZone, ms) : offset;
}

/**
 * A wall-clock time (as if it were UTC ms) in a zone, to the instant. Two passes
 * settle DST edges: a time in the spring-forward gap moves forward, a time in the
 * fall-back overlap takes the earlier instant, as java.time and Temporal do.
 */
export function localMsToInstant(localMs: number, zone: ZoneSpec): Instant | null {
  if (zone.timeZone) {
    if (!isValidTimeZone(zone.timeZone)) return null;
    const first = zoneOffsetAt(zone.timeZone, localMs);
    let ms = localMs - first * 60_000;
    const second = zoneOffsetAt(zone.timeZone, ms);
    if (second !== first) {
      const retry = localMs - second * 60_000;
      if (zoneOffsetAt(zone.timeZone, retry) === second) ms = retry;
    }
    // In a spring-forward gap no offset fits; show the instant in the offset in force then.
    const offset = zoneOffsetAt(zone.timeZone, ms);
    return { ms, iso: formatInstant(ms, offset), offsetMinutes: offset };
  }
  const offset = parseUtcOffset(zone.utcOffset ?? 'Z');
  if (offset === null) return null;
  const ms = localMs - offset * 60_000;
  return { ms, iso: formatInstant(ms, offset), offsetMinutes: offset };
}

/** An epoch instant shown in a zone (used for vendors that send epoch seconds plus a zone). */
export function instantInZone(ms: number, zone: ZoneSpec): Instant | null {
  let offset: number | null;
  if (zone.timeZone) {
    if (!isValidTimeZone(zone.timeZone)) return null;
    offset = zoneOffsetAt(zone.timeZone, ms);
  } else {
    offset = parseUtcOffset(zone.utcOffset ?? 'Z');
  }
  if (offset === null) return null;
  return { ms, iso: formatInstant(ms, offset), offsetMinutes: offset };
}

/** "YYYY-MM-DD" plus a day count, for vendors whose intraday lists only give times. */
export function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

export function isIsoDate(text: unknown): text is string {
  return (
    typeof text === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(text) &&
    !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) &&
    new Date(`${text}T00:00:00Z`).toISOString().startsWith(text)
  );
}
