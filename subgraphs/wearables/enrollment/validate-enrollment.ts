import type { LinkIdentifier } from '../../shared/patient/link-request';
import { isRecord } from '../mappers/mapped-types';
import { isValidTimeZone, parseUtcOffset } from '../mappers/time';
import { isVendor, VENDORS, type Vendor } from '../vendors';

/** `POST /enrollments`: "this device account belongs to the person with these identifiers". */
export interface Enrollment {
  vendor: Vendor;
  accountId: string;
  identifiers: LinkIdentifier[];
  /** IANA zone of the account, for vendors that send local times (Fitbit). */
  timeZone: string | null;
  /** Fixed offset (+HH:MM) when no zone is known. */
  utcOffset: string | null;
}

export interface EnrollmentProblem {
  location: string;
  reason: string;
}

/** The enrollments a body holds: one, an array, or `{ enrollments: [...] }`. */
export function enrollmentsOf(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (isRecord(body) && Array.isArray(body.enrollments)) return body.enrollments;
  return [body];
}

/** Validates one enrollment; reasons name fields, never their values (identifiers are PHI). */
export function validateEnrollment(
  input: unknown,
  location: string,
): { enrollment?: Enrollment; problems: EnrollmentProblem[] } {
  const problems: EnrollmentProblem[] = [];
  const problem = (field: string, reason: string) =>
    problems.push({ location: `${location}${field}`, reason });
  if (!isRecord(input)) {
    problem('', 'enrollment must be an object');
    return { problems };
  }
  if (!isVendor(input.vendor)) problem('.vendor', `vendor must be one of ${VENDORS.join(', ')}`);
  if (typeof input.accountId !== 'string' || input.accountId.trim() === '') {
    problem('.accountId', 'accountId must be a non-empty string');
  }
  const identifiers: LinkIdentifier[] = [];
  if (!Array.isArray(input.identifiers) || input.identifiers.length === 0) {
    problem('.identifiers', 'identifiers must list at least one {system, value} of the person');
  } else {
    input.identifiers.forEach((identifier: unknown, index: number) => {
      const at = `.identifiers[${index}]`;
      if (!isRecord(identifier)) return problem(at, 'must be an object');
      if (typeof identifier.system !== 'string' || identifier.system === '') {
        return problem(`${at}.system`, 'must be a non-empty string');
      }
      if (typeof identifier.value !== 'string' || identifier.value === '') {
        return problem(`${at}.value`, 'must be a non-empty string');
      }
      if (identifier.typeCode != null && typeof identifier.typeCode !== 'string') {
        return problem(`${at}.typeCode`, 'must be a string');
      }
      identifiers.push({
        system: identifier.system,
        value: identifier.value,
        ...(typeof identifier.typeCode === 'string' ? { typeCode: identifier.typeCode } : {}),
      });
    });
  }
  const timeZone = input.timeZone ?? null;
  if (timeZone !== null && (typeof timeZone !== 'string' || !isValidTimeZone(timeZone))) {
    problem('.timeZone', 'timeZone must be an IANA time zone such as America/New_York');
  }
  const utcOffset = input.utcOffset ?? null;
  if (utcOffset !== null && (typeof utcOffset !== 'string' || parseUtcOffset(utcOffset) === null)) {
    problem('.utcOffset', 'utcOffset must look like +HH:MM, -HHMM or Z');
  }
  if (problems.length > 0) return { problems };
  return {
    enrollment: {
      vendor: input.vendor as Vendor,
      accountId: (input.accountId as string).trim(),
      identifiers,
      timeZone: timeZone as string | null,
      utcOffset: utcOffset as string | null,
    },
    problems,
  };
}
