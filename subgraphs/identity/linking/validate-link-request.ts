import type { PatientLinkRequest } from '../../shared/patient/link-request';

/** More identifiers than any real record carries: refuse rather than fan out queries. */
export const MAX_LINK_IDENTIFIERS = 100;
const MAX_LIST = 50;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** Checks that `value` is absent, null or of the expected kind; names the field if not. */
function checkFields(
  value: Record<string, unknown>,
  path: string,
  strings: string[],
  lists: string[],
  problems: string[],
): void {
  for (const key of strings) {
    if (value[key] != null && typeof value[key] !== 'string') {
      problems.push(`${path}.${key} must be a string`);
    }
  }
  for (const key of lists) {
    if (value[key] != null && !isStringList(value[key])) {
      problems.push(`${path}.${key} must be an array of strings`);
    }
  }
}

const LIST_SHAPES = {
  names: { strings: ['use', 'text', 'family'], lists: ['given', 'prefix', 'suffix'] },
  addresses: {
    strings: ['use', 'text', 'city', 'district', 'state', 'postalCode', 'country'],
    lists: ['line'],
  },
  telecom: { strings: ['system', 'value', 'use'], lists: [] },
} as const;

function validateDemographics(demographics: unknown, problems: string[]): void {
  if (!isObject(demographics)) {
    problems.push('demographics must be an object');
    return;
  }
  for (const [key, shape] of Object.entries(LIST_SHAPES)) {
    const list = demographics[key];
    if (list == null) continue;
    if (!Array.isArray(list) || list.length > MAX_LIST) {
      problems.push(`demographics.${key} must be an array of at most ${MAX_LIST} items`);
      continue;
    }
    list.forEach((item, index) => {
      const path = `demographics.${key}[${index}]`;
      if (!isObject(item)) problems.push(`${path} must be an object`);
      else checkFields(item, path, [...shape.strings], [...shape.lists], problems);
    });
  }
  if (
    demographics.birthDate != null &&
    (typeof demographics.birthDate !== 'string' ||
      !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(demographics.birthDate))
  ) {
    problems.push('demographics.birthDate must be a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)');
  }
  if (
    demographics.gender != null &&
    !['male', 'female', 'other', 'unknown'].includes(String(demographics.gender))
  ) {
    problems.push('demographics.gender must be male, female, other or unknown');
  }
}

/**
 * Checks a link request's shape and returns the problems found (empty = valid).
 * Reasons name the offending field, never its value (values are identifiers).
 * Unknown extra fields are ignored: vendors may send more than the contract needs.
 */
export function validateLinkRequest(body: unknown): {
  request?: PatientLinkRequest;
  problems: string[];
} {
  const problems: string[] = [];
  if (!isObject(body)) return { problems: ['body must be an object'] };
  if (typeof body.source !== 'string' || body.source.length === 0) {
    problems.push('source must be a non-empty string');
  }
  const identifiers = body.identifiers;
  if (!Array.isArray(identifiers) || identifiers.length === 0) {
    problems.push('identifiers must be a non-empty array');
  } else if (identifiers.length > MAX_LINK_IDENTIFIERS) {
    problems.push(`identifiers must hold at most ${MAX_LINK_IDENTIFIERS} entries`);
  } else {
    identifiers.forEach((identifier: unknown, index) => {
      const item = isObject(identifier) ? identifier : {};
      if (typeof item.system !== 'string' || item.system.length === 0) {
        problems.push(`identifiers[${index}].system must be a non-empty string`);
      }
      if (typeof item.value !== 'string' || item.value.length === 0) {
        problems.push(`identifiers[${index}].value must be a non-empty string`);
      }
      checkFields(item, `identifiers[${index}]`, ['use', 'typeCode'], [], problems);
    });
  }
  if (body.demographics != null) validateDemographics(body.demographics, problems);
  return problems.length
    ? { problems }
    : { request: body as unknown as PatientLinkRequest, problems };
}
