import {
  emptyMapping,
  isRecord,
  numberOf,
  type MappingResult,
  type MappingRejection,
} from './mapped-types';
import {
  formatInstant,
  parseDateTime,
  parseLocalDateTime,
  parseOffsetDateTime,
  type Instant,
  type ZoneSpec,
} from './time';
import { glucoseToMgDl, glucoseUnitOf, type GlucoseUnit } from './units';

/** Dexcom sensors report 40-400 mg/dL; wider bounds leave room for other CGMs. */
const MIN_MG_DL = 10;
const MAX_MG_DL = 700;
const QUARTER_HOUR_MS = 15 * 60_000;

/**
 * Dexcom estimated glucose values, API v3 (`{recordType: "egv", records: [...]}`)
 * or v2 (`{unit, egvs: [...]}`), one reading every 5 minutes.
 *
 * Time: `systemTime` is the device's UTC clock without a "Z"; `displayTime` is
 * what the user saw: with an offset for records from the mobile apps, a bare
 * local time for receivers. The offset kept is displayTime's own, or, for a bare
 * displayTime, displayTime minus systemTime rounded to 15 minutes (the device's
 * zone at that moment); the instant is systemTime's.
 */
export function dexcomEgvsToPoints(payload: unknown, zone: ZoneSpec | null): MappingResult {
  const result = emptyMapping();
  const records = recordsOf(payload);
  if (!records) {
    result.rejected.push({ location: '$', reason: 'not a Dexcom EGV response (records or egvs)' });
    return result;
  }
  const payloadUnit = isRecord(payload) ? payload.unit : undefined;
  let guessedUnits = 0;
  records.list.forEach((record: unknown, index: number) => {
    const location = `${records.key}[${index}]`;
    const reject = (reason: string) => result.rejected.push({ location, reason });
    if (!isRecord(record)) return reject('record must be an object');
    const value =
      numberOf(record.value) ?? numberOf(record.smoothedValue) ?? numberOf(record.realtimeValue);
    if (value === null) return reject('no glucose value (value, smoothedValue, realtimeValue)');
    const unitText = record.unit ?? payloadUnit;
    let unit: GlucoseUnit | null = glucoseUnitOf(unitText);
    if (!unit) {
      // The v3 API documents "unknown" as a unit. No mmol/L reading reaches 30
      // (540 mg/dL), so a value of 30 or more can only be mg/dL.
      if (value < 30) return reject('unit is unknown and the value does not settle it');
      unit = 'mg/dL';
      guessedUnits++;
    }
    const mgDl = glucoseToMgDl(value, unit);
    if (mgDl < MIN_MG_DL || mgDl > MAX_MG_DL) {
      return reject(`glucose must be between ${MIN_MG_DL} and ${MAX_MG_DL} mg/dL`);
    }
    const at = timeOf(record, zone, result.rejected, location);
    if (!at) return;
    result.points.push({
      type: 'glucose',
      statistic: '',
      startMs: at.ms,
      startIso: at.iso,
      endMs: null,
      endIso: null,
      value: mgDl,
      originalValue: value,
      originalUnit: unit,
      sourceId: typeof record.recordId === 'string' ? record.recordId : null,
    });
  });
  if (guessedUnits > 0) {
    result.warnings.push(`${guessedUnits} reading(s) had unit "unknown" and were read as mg/dL`);
  }
  return result;
}

function recordsOf(payload: unknown): { key: string; list: unknown[] } | null {
  if (!isRecord(payload)) return null;
  if (Array.isArray(payload.records)) return { key: 'records', list: payload.records };
  if (Array.isArray(payload.egvs)) return { key: 'egvs', list: payload.egvs };
  return null;
}

function timeOf(
  record: Record<string, unknown>,
  zone: ZoneSpec | null,
  rejected: MappingRejection[],
  location: string,
): Instant | null {
  const display = typeof record.displayTime === 'string' ? record.displayTime : null;
  const system = typeof record.systemTime === 'string' ? record.systemTime : null;
  const displayWithOffset = display ? parseOffsetDateTime(display) : null;
  if (displayWithOffset) return displayWithOffset;
  const systemInstant = system ? parseDateTime(system) : null;
  if (systemInstant && display) {
    const displayLocal = parseDateTime(display);
    if (displayLocal) {
      const offsetMs =
        Math.round((displayLocal.ms - systemInstant.ms) / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
      const offsetMinutes = offsetMs / 60_000;
      if (Math.abs(offsetMinutes) <= 14 * 60) {
        return {
          ms: systemInstant.ms,
          iso: formatInstant(systemInstant.ms, offsetMinutes),
          offsetMinutes,
        };
      }
    }
  }
  if (systemInstant) return systemInstant;
  if (display) {
    const local = parseLocalDateTime(display, zone ?? { utcOffset: 'Z' });
    if (local) return local;
  }
  rejected.push({ location, reason: 'needs systemTime or displayTime as an ISO date-time' });
  return null;
}
