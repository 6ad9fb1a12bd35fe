/**
 * FHIR date/dateTime/instant values (http://hl7.org/fhir/R4/datatypes.html#dateTime)
 * turned into UTC instants for indexing and range filters. A partial date stands for
 * an interval ("2019-05" is all of May), so it has a start and an end edge.
 * Liberal on purpose: a time without a zone (a common vendor quirk) is read as UTC,
 * and a space instead of "T" is accepted.
 */
const FHIR_DATE_TIME =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

export type DateEdge = 'start' | 'end';

export function isFhirDateTime(value: string): boolean {
  return toInstant(value, 'start') !== null;
}

/** True for YYYY, YYYY-MM or YYYY-MM-DD (FHIR `date`). */
export function isFhirDate(value: string): boolean {
  return /^\d{4}(-\d{2}(-\d{2})?)?$/.test(value) && isFhirDateTime(value);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The UTC instant ("YYYY-MM-DDTHH:mm:ss.sssZ") at the start or end of what a FHIR
 * date/dateTime denotes, or null when it is not one.
 */
export function toInstant(value: string, edge: DateEdge): string | null {
  const match = FHIR_DATE_TIME.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = match;
  const year = Number(y);
  const month = mo ? Number(mo) : null;
  const day = d ? Number(d) : null;
  if (month !== null && (month < 1 || month > 12)) return null;
  if (day !== null && (day < 1 || day > daysInMonth(year, month!))) return null;
  if (h === undefined) {
    const startMonth = month ?? (edge === 'start' ? 1 : 12);
    const startDay = day ?? (edge === 'start' ? 1 : daysInMonth(year, startMonth));
    const ms =
      edge === 'start'
        ? Date.UTC(year, startMonth - 1, startDay)
        : Date.UTC(year, startMonth - 1, startDay, 23, 59, 59, 999);
    return iso(ms, year);
  }
  const hour = Number(h);
  const minute = Number(mi);
  const second = s ? Number(s) : edge === 'start' ? 0 : 59;
  if (hour > 24 || minute > 59 || second > 60) return null;
  const millis = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : edge === 'start' || s ? 0 : 999;
  let ms = Date.UTC(year, month! - 1, day!, hour, minute, Math.min(second, 59), millis);
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return iso(ms, year);
}

function iso(ms: number, year: number): string | null {
  // Date.UTC maps years 0..99 to 1900+; such dates are not real clinical times.
  if (year < 1000 || !Number.isFinite(ms)) return null;
  return new Date(ms).toISOString();
}
