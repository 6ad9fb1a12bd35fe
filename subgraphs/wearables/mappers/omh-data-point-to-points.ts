import {
  OMH_MEASURE_SCHEMAS,
  supportedList,
  validateOmhBody,
  validateOmhEnvelope,
} from '../omh/omh-schema-registry';
import {
  emptyMapping,
  isRecord,
  type MappedPoint,
  type MappingResult,
  type MeasureType,
} from './mapped-types';
import { timeFrameToSpan, type TimeSpan } from './omh-time-frame';
import { parseDateTime, type ZoneSpec } from './time';
import { durationToMinutes, glucoseToMgDl, glucoseUnitOf, kpaToMmHg } from './units';

/** A bare measure body's schema, when the request names it (`?schema=heart-rate-2.0`). */
export interface OmhBodySchema {
  name: string;
  version: string;
}

/** Reads "heart-rate-2.0", "omh:heart-rate:2.0" or "heart-rate:2.0". */
export function parseOmhSchemaParam(text: string): OmhBodySchema | null {
  const match = /^(?:omh:)?([a-z-]+?)[-:](\d+\.\d+)$/.exec(text.trim());
  return match ? { name: match[1]!, version: match[2]! } : null;
}

/** Lists the data points a payload holds: one, an array, or `{ dataPoints | data_points }`. */
export function omhDataPointsOf(payload: unknown): unknown[] {
  if (Array.isArray(payload)) return payload;
  if (isRecord(payload) && Array.isArray(payload.dataPoints)) return payload.dataPoints;
  if (isRecord(payload) && Array.isArray(payload.data_points)) return payload.data_points;
  return [payload];
}

/**
 * Open mHealth / IEEE 1752 data points to points. Each data point is checked
 * against the data-point envelope schema, then its body against the schema its
 * header names (schemas/omh), and only then mapped; a data point that fails is
 * rejected with the schema's reasons and the others still go in.
 *
 * Time: the body's effective_time_frame. Older schema versions (heart-rate 1.x,
 * blood-pressure 1.0...) make it optional; without one the measurement is placed
 * at header.creation_date_time, the only time such a data point has.
 */
export function omhDataPointsToPoints(
  payload: unknown,
  zone: ZoneSpec,
  bodySchema: OmhBodySchema | null = null,
): MappingResult {
  const result = emptyMapping();
  const items = bodySchema
    ? Array.isArray(payload)
      ? payload
      : [payload]
    : omhDataPointsOf(payload);
  items.forEach((item, index) => {
    const location = items.length === 1 && !Array.isArray(payload) ? '$' : `[${index}]`;
    const reject = (reason: string) => result.rejected.push({ location, reason });
    let name: string;
    let version: string;
    let body: unknown;
    let header: Record<string, unknown> | null = null;
    if (bodySchema) {
      ({ name, version } = bodySchema);
      body = item;
    } else {
      const envelope = validateOmhEnvelope(item);
      if (!envelope.valid) return reject(`not a valid data point: ${envelope.errors.join('; ')}`);
      header = (item as { header: Record<string, unknown> }).header;
      const schemaId = header.schema_id as Record<string, unknown>;
      name = String(schemaId.name);
      version = String(schemaId.version);
      body = (item as { body: unknown }).body;
      if (schemaId.namespace !== 'omh' || !(name in OMH_MEASURE_SCHEMAS)) {
        return reject(
          `unsupported schema ${String(schemaId.namespace)}:${name}:${version} (supported: omh ${supportedList()})`,
        );
      }
    }
    const check = validateOmhBody(name, version, body);
    if (!check.valid) {
      return reject(`body does not conform to omh:${name}:${version}: ${check.errors.join('; ')}`);
    }
    const measure = body as Record<string, unknown>;
    let span: TimeSpan | null = null;
    if (measure.effective_time_frame !== undefined) {
      span = timeFrameToSpan(measure.effective_time_frame, zone);
      if (!span) return reject('effective_time_frame could not be read as a time');
    } else if (header && typeof header.creation_date_time === 'string') {
      const created = parseDateTime(header.creation_date_time, zone);
      span = created ? { start: created, end: null } : null;
    }
    if (!span) {
      return reject(
        `valid omh:${name}:${version}, but it has no effective_time_frame and no data point header ` +
          'whose creation_date_time could place it in time: send it inside a data point',
      );
    }
    const accountId = header && typeof header.user_id === 'string' ? header.user_id : undefined;
    const sourceId = header && typeof header.id === 'string' ? header.id : null;
    const statistic =
      typeof measure.descriptive_statistic === 'string'
        ? measure.descriptive_statistic +
          (typeof measure.descriptive_statistic_denominator === 'string'
            ? `/${measure.descriptive_statistic_denominator}`
            : '')
        : '';
    const point = (type: MeasureType, value: number, originalValue: number, unit: string) => {
      const mapped: MappedPoint = {
        type,
        statistic,
        startMs: span!.start.ms,
        startIso: span!.start.iso,
        endMs: span!.end?.ms ?? null,
        endIso: span!.end?.iso ?? null,
        value,
        originalValue,
        originalUnit: unit,
        sourceId,
      };
      if (accountId !== undefined) mapped.accountId = accountId;
      result.points.push(mapped);
    };
    const unitValue = (key: string) => measure[key] as { value: number; unit: string };
    switch (name) {
      case 'heart-rate': {
        const { value, unit } = unitValue('heart_rate');
        return point('heart-rate', value, value, unit);
      }
      case 'blood-glucose': {
        const { value, unit } = unitValue('blood_glucose');
        const known = glucoseUnitOf(unit);
        if (!known) return reject(`blood_glucose unit ${unit} is not mg/dL or mmol/L`);
        return point('glucose', glucoseToMgDl(value, known), value, unit);
      }
      case 'step-count': {
        const raw = measure.step_count;
        const value = typeof raw === 'number' ? raw : (raw as { value: number }).value;
        return point('steps', value, value, 'steps');
      }
      case 'oxygen-saturation': {
        const { value, unit } = unitValue('oxygen_saturation');
        return point('oxygen-saturation', value, value, unit);
      }
      case 'blood-pressure': {
        for (const [key, type] of [
          ['systolic_blood_pressure', 'blood-pressure-systolic'],
          ['diastolic_blood_pressure', 'blood-pressure-diastolic'],
        ] as const) {
          const { value, unit } = unitValue(key);
          point(type, unit === 'kPa' ? kpaToMmHg(value) : value, value, unit);
        }
        return;
      }
      case 'sleep-duration': {
        const { value, unit } = unitValue('sleep_duration');
        const minutes = durationToMinutes(value, unit);
        if (minutes === null) return reject(`sleep_duration unit ${unit} is not a duration unit`);
        const end = span.end;
        if (statistic === '' && end && end.ms >= span.start.ms) {
          result.sleep.push({
            ...(accountId !== undefined ? { accountId } : {}),
            startMs: span.start.ms,
            startIso: span.start.iso,
            endMs: end.ms,
            endIso: end.iso,
            minutesAsleep: minutes,
            minutesAwake: null,
            efficiency: null,
            isMainSleep: null,
            stages: [],
            segments: [],
            sourceId,
          });
          return;
        }
        if (statistic === '' && end) return reject('sleep time interval ends before it starts');
        return point('sleep-duration', minutes, value, unit);
      }
      default:
        return reject(`unsupported schema omh:${name}:${version}`);
    }
  });
  return result;
}
