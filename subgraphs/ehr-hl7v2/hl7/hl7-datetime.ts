/**
 * HL7 v2 DTM/TS (YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]) to FHIR date and
 * dateTime, keeping the sender's precision and time zone offset. FHIR needs a zone
 * once a time is present; a sender that gives none gets the configured default.
 */
export interface Hl7DateTime {
  /** FHIR date or dateTime (e.g. "2011-01-03T14:34:28-08:00", "1924-10-10"). */
  fhir: string;
  /** The instant, for ordering and filtering (missing parts at their start). */
  instant: Date;
  /** True when the value had a time of day. */
  hasTime: boolean;
}

const HL7_DTM =
  /^(\d{4})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(\.\d{1,6})?)?)?)?)?)?\s*(?:([+-])(\d{2})(\d{2})?|(Z))?$/;
// Some senders write ISO 8601 into TS fields; read that too.
const ISO_DTM =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?)?)?)?\s*(?:([+-])(\d{2}):?(\d{2})?|(Z))?$/;

/** Parses a "+HH:MM" / "Z" offset into minutes east of UTC. */
export function offsetMinutes(offset: string): number | null {
  if (offset === 'Z') return 0;
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  if (Number(match[2]) > 14 || Number(match[3]) > 59) return null;
  return match[1] === '-' ? -minutes : minutes;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function formatOffset(minutes: number, zulu: boolean): string {
  if (zulu && minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Reads an HL7 date/time. Returns null for anything that is not a valid date
 * (wrong length, month 13, February 30th): callers keep the raw text instead.
 */
export function parseHl7DateTime(value: string, defaultOffset = 'Z'): Hl7DateTime | null {
  const text = value.trim();
  const match = HL7_DTM.exec(text) ?? ISO_DTM.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction, sign, oh, om, zulu] = match;
  const year = Number(y);
  const month = mo === undefined ? 1 : Number(mo);
  const day = d === undefined ? 1 : Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offset: number | null;
  if (zulu) offset = 0;
  else if (sign) {
    offset = offsetMinutes(`${sign}${oh}:${om ?? '00'}`);
    if (offset === null) return null;
  } else offset = null;
  const hasTime = h !== undefined;
  const zone = offset ?? offsetMinutes(defaultOffset) ?? 0;
  const writeZulu = Boolean(zulu) || (offset === null && defaultOffset === 'Z');
  const millis = fraction ? Math.round(Number(`0${fraction}`) * 1000) : 0;
  const instant = new Date(
    Date.UTC(year, month - 1, day, hour, minute, second, millis) - zone * 60_000,
  );
  let fhir = y!;
  if (mo !== undefined) fhir += `-${mo}`;
  if (d !== undefined) fhir += `-${d}`;
  if (hasTime && d !== undefined) {
    fhir += `T${pad(hour)}:${pad(minute)}:${pad(second)}${fraction ?? ''}${formatOffset(zone, writeZulu)}`;
  }
  return { fhir, instant, hasTime: hasTime && d !== undefined };
}

/** The date part only (FHIR date): birth dates, death dates. */
export function hl7DateToFhirDate(value: string): string | null {
  const parsed = parseHl7DateTime(value);
  return parsed ? parsed.fhir.slice(0, 10) : null;
}

/** Writes a Date as an HL7 DTM with seconds, in the given offset (minutes east of UTC). */
export function formatHl7DateTime(date: Date, offset: number): string {
  const local = new Date(date.getTime() + offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${local.getUTCFullYear()}${pad(local.getUTCMonth() + 1)}${pad(local.getUTCDate())}` +
    `${pad(local.getUTCHours())}${pad(local.getUTCMinutes())}${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
  );
}
