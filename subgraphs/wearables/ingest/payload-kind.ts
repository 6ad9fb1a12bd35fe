/**
 * Which wearable payload a JSON document is, from its shape alone (vendor APIs
 * do not label their responses). Pure and dependency-free: the CLI's format
 * detection uses it too.
 */
export const WEARABLE_PAYLOAD_KINDS = [
  'enrollment',
  'fitbit-heart',
  'fitbit-steps',
  'fitbit-sleep',
  'dexcom-egvs',
  'omh',
  'googlefit',
  'ihealth',
  'withings',
  // Recognised so they get a clear rejection instead of "unknown payload".
  'fitbit-activities',
  'fitbit-body',
] as const;
export type WearablePayloadKind = (typeof WEARABLE_PAYLOAD_KINDS)[number];

export function isWearablePayloadKind(value: unknown): value is WearablePayloadKind {
  return typeof value === 'string' && (WEARABLE_PAYLOAD_KINDS as readonly string[]).includes(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEnrollment(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value.vendor === 'string' &&
    typeof value.accountId === 'string' &&
    Array.isArray(value.identifiers)
  );
}

function isOmhDataPoint(value: unknown): boolean {
  return isObject(value) && isObject(value.header) && 'body' in value;
}

export function detectWearablePayload(json: unknown): WearablePayloadKind | null {
  if (Array.isArray(json)) {
    if (json.length > 0 && json.every(isEnrollment)) return 'enrollment';
    if (json.length > 0 && json.every(isOmhDataPoint)) return 'omh';
    return null;
  }
  if (!isObject(json)) return null;
  if (isEnrollment(json)) return 'enrollment';
  if (Array.isArray(json.enrollments) && json.enrollments.every(isEnrollment)) return 'enrollment';
  if (Array.isArray(json['activities-heart'])) return 'fitbit-heart';
  if (Array.isArray(json['activities-steps'])) return 'fitbit-steps';
  if (Array.isArray(json.sleep)) return 'fitbit-sleep';
  if (Array.isArray(json.activities) && isObject(json.summary)) return 'fitbit-activities';
  if (Array.isArray(json.weight) || Array.isArray(json.fat) || Array.isArray(json.bmi)) {
    return 'fitbit-body';
  }
  if (Array.isArray(json.egvs)) return 'dexcom-egvs';
  if (Array.isArray(json.records) && json.recordType === 'egv') return 'dexcom-egvs';
  if (isOmhDataPoint(json)) return 'omh';
  if (Array.isArray(json.dataPoints) && json.dataPoints.every(isOmhDataPoint)) return 'omh';
  if (typeof json.dataSourceId === 'string' && ('point' in json || 'minStartTimeNs' in json)) {
    return 'googlefit';
  }
  // iHealth names every list <Kind>DataList (BGDataList, BPDataList, WeightDataList...).
  if (Object.keys(json).some((key) => key.endsWith('DataList') && Array.isArray(json[key]))) {
    return 'ihealth';
  }
  if (typeof json.status === 'number' && isObject(json.body)) return 'withings';
  return null;
}
