import {
  emptyMapping,
  isRecord,
  numberOf,
  type MappingResult,
  type MeasureType,
} from './mapped-types';
import {
  formatInstant,
  localMsToInstant,
  parseUtcOffset,
  type Instant,
  type ZoneSpec,
} from './time';
import { glucoseToMgDl, kpaToMmHg } from './units';

/**
 * iHealth's zone: "-0800", "+0100", or an integer like -800. A missing one falls
 * back to the account's zone (or UTC).
 */
function zoneOf(entry: Record<string, unknown>, fallback: ZoneSpec): ZoneSpec {
  const raw = entry.TimeZone;
  if (typeof raw === 'string' && raw.trim() !== '') {
    const text = /^[+-]/.test(raw) ? raw : `+${raw}`;
    if (parseUtcOffset(text) !== null) return { utcOffset: text };
  }
  if (typeof raw === 'number' && Number.isInteger(raw)) {
    const abs = String(Math.abs(raw)).padStart(4, '0');
    return { utcOffset: `${raw < 0 ? '-' : '+'}${abs}` };
  }
  return fallback;
}

/**
 * iHealth timestamps are the local wall-clock time written as if it were UTC
 * epoch seconds, with the offset beside it (Shimmer's IHealthDataPointMapper
 * documents the same quirk): keep the wall clock, apply the offset.
 */
function localSeconds(seconds: unknown, zone: ZoneSpec): Instant | null {
  const value = numberOf(seconds);
  return value === null ? null : localMsToInstant(value * 1000, zone);
}

const LISTS = ['BGDataList', 'BPDataList', 'BODataList', 'SRDataList', 'ARDataList'] as const;

/**
 * iHealth Resource API lists: blood glucose (BGDataList, BGUnit 0 = mg/dL,
 * 1 = mmol/L), blood pressure with pulse (BPDataList, BPUnit 0 = mmHg, 1 = kPa),
 * SpO2 with pulse (BODataList), sleep (SRDataList: `HoursSlept` is in minutes
 * despite its name) and daily activity steps (ARDataList). A value of 0 is
 * iHealth's "not measured" and is rejected as such.
 */
export function iHealthToPoints(payload: unknown, zone: ZoneSpec | null): MappingResult {
  const result = emptyMapping();
  const list = LISTS.find((key) => isRecord(payload) && Array.isArray(payload[key]));
  if (!isRecord(payload) || !list) {
    const other = isRecord(payload)
      ? Object.keys(payload).find((key) => key.endsWith('DataList'))
      : undefined;
    result.rejected.push({
      location: '$',
      reason: other
        ? `iHealth ${other} is not a series stored here (kept: ${LISTS.join(', ')})`
        : 'not an iHealth data list response',
    });
    return result;
  }
  const fallback = zone ?? { utcOffset: 'Z' };
  const unitCode = numberOf(payload.BGUnit ?? payload.BPUnit) ?? 0;
  (payload[list] as unknown[]).forEach((entry, index) => {
    const location = `${list}[${index}]`;
    const reject = (reason: string) => result.rejected.push({ location, reason });
    if (!isRecord(entry)) return reject('entry must be an object');
    const entryZone = zoneOf(entry, fallback);
    const sourceId = typeof entry.DataID === 'string' ? entry.DataID : null;
    const at = localSeconds(list === 'SRDataList' ? entry.StartTime : entry.MDate, entryZone);
    if (!at) return reject('needs MDate (local epoch seconds) and a usable TimeZone');
    const push = (type: MeasureType, value: number, original: number, unit: string) =>
      result.points.push({
        type,
        statistic: '',
        startMs: at.ms,
        startIso: at.iso,
        endMs: null,
        endIso: null,
        value,
        originalValue: original,
        originalUnit: unit,
        sourceId,
      });
    const pulse = numberOf(entry.HR);
    switch (list) {
      case 'BGDataList': {
        const value = numberOf(entry.BG);
        if (!value) return reject('BG is 0 or missing: not a measurement');
        if (unitCode !== 0 && unitCode !== 1) return reject(`BGUnit ${unitCode} is unknown`);
        const unit = unitCode === 0 ? 'mg/dL' : 'mmol/L';
        return push('glucose', glucoseToMgDl(value, unit), value, unit);
      }
      case 'BPDataList': {
        const systolic = numberOf(entry.HP);
        const diastolic = numberOf(entry.LP);
        if (!systolic || !diastolic) return reject('HP and LP (systolic, diastolic) are needed');
        if (unitCode !== 0 && unitCode !== 1) return reject(`BPUnit ${unitCode} is unknown`);
        const unit = unitCode === 0 ? 'mmHg' : 'kPa';
        const mmHg = (v: number) => (unitCode === 0 ? v : kpaToMmHg(v));
        push('blood-pressure-systolic', mmHg(systolic), systolic, unit);
        push('blood-pressure-diastolic', mmHg(diastolic), diastolic, unit);
        if (pulse) push('heart-rate', pulse, pulse, 'bpm');
        return;
      }
      case 'BODataList': {
        const saturation = numberOf(entry.BO);
        if (!saturation && !pulse) return reject('BO and HR are 0 or missing: not a measurement');
        if (saturation) push('oxygen-saturation', saturation, saturation, '%');
        if (pulse) push('heart-rate', pulse, pulse, 'bpm');
        return;
      }
      case 'SRDataList': {
        const end = localSeconds(entry.EndTime, entryZone);
        if (!end || end.ms < at.ms) return reject('needs EndTime after StartTime');
        result.sleep.push({
          startMs: at.ms,
          startIso: at.iso,
          endMs: end.ms,
          endIso: end.iso,
          minutesAsleep: numberOf(entry.HoursSlept),
          minutesAwake: null,
          efficiency: numberOf(entry.SleepEfficiency),
          isMainSleep: null,
          stages: [],
          segments: [],
          sourceId,
        });
        return;
      }
      case 'ARDataList': {
        const steps = numberOf(entry.Steps);
        if (steps === null || steps < 0) return reject('Steps must be a step count');
        // A day's total, dated by its local midnight.
        const dayStart = localSeconds(
          Math.floor(numberOf(entry.MDate)! / 86_400) * 86_400,
          entryZone,
        )!;
        const endMs = dayStart.ms + 86_400_000;
        result.points.push({
          type: 'steps',
          statistic: 'sum',
          startMs: dayStart.ms,
          startIso: dayStart.iso,
          endMs,
          endIso: formatInstant(endMs, dayStart.offsetMinutes),
          value: steps,
          originalValue: steps,
          originalUnit: 'steps',
          sourceId,
        });
        return;
      }
    }
  });
  return result;
}
