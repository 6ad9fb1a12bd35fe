import type { PatientLinkRequest } from '../../shared/patient/link-request';

/**
 * Checks a link request's shape and returns the problems found (empty = valid).
 * Reasons name the offending field, never its value (values are identifiers).
 */
export function validateLinkRequest(body: unknown): {
  request?: PatientLinkRequest;
  problems: string[];
} {
  const problems: string[] = [];
  if (typeof body !== 'object' || body === null) return { problems: ['body must be an object'] };
  const candidate = body as Partial<PatientLinkRequest>;
  if (typeof candidate.source !== 'string' || candidate.source.length === 0) {
    problems.push('source must be a non-empty string');
  }
  if (!Array.isArray(candidate.identifiers) || candidate.identifiers.length === 0) {
    problems.push('identifiers must be a non-empty array');
  } else {
    candidate.identifiers.forEach((identifier, index) => {
      if (typeof identifier?.system !== 'string' || identifier.system.length === 0) {
        problems.push(`identifiers[${index}].system must be a non-empty string`);
      }
      if (typeof identifier?.value !== 'string' || identifier.value.length === 0) {
        problems.push(`identifiers[${index}].value must be a non-empty string`);
      }
    });
  }
  const demographics = candidate.demographics;
  if (demographics !== undefined) {
    if (typeof demographics !== 'object' || demographics === null) {
      problems.push('demographics must be an object');
    } else {
      for (const key of ['names', 'addresses', 'telecom'] as const) {
        if (demographics[key] !== undefined && !Array.isArray(demographics[key])) {
          problems.push(`demographics.${key} must be an array`);
        }
      }
      if (
        demographics.birthDate != null &&
        !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(String(demographics.birthDate))
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
  }
  return problems.length ? { problems } : { request: candidate as PatientLinkRequest, problems };
}
