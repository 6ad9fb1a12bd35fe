import type { FhirCodeableConceptJson, ReportSubmission } from './fhir-json';

/** A problem with a submission: a FHIRPath-style location and what is wrong there. */
export interface SubmissionProblem {
  expression: string;
  message: string;
}

const REPORT_STATUSES = new Set([
  'registered',
  'partial',
  'preliminary',
  'final',
  'amended',
  'corrected',
  'appended',
  'cancelled',
  'entered-in-error',
  'unknown',
]);

// FHIR dateTime (http://hl7.org/fhir/R4/datatypes.html#dateTime): partial dates allowed.
const FHIR_DATE_TIME =
  /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkConcept(value: unknown, at: string, problems: SubmissionProblem[]): void {
  if (!isObject(value)) {
    problems.push({ expression: at, message: 'must be a CodeableConcept' });
    return;
  }
  const concept = value as FhirCodeableConceptJson;
  if (concept.coding !== undefined && !Array.isArray(concept.coding))
    problems.push({ expression: `${at}.coding`, message: 'must be an array' });
  if (!concept.text && !(Array.isArray(concept.coding) && concept.coding.length > 0))
    problems.push({ expression: at, message: 'needs a coding or a text' });
}

/**
 * Checks a POST /reports body completely before anything is linked or stored:
 * every problem is reported at once, and a refused submission changes nothing.
 * The patient must carry an identifier in the partner's own system (that is how
 * the report is found again once identity links the patient).
 */
export function validateReportSubmission(
  body: unknown,
  patientSystem: string,
): { submission?: ReportSubmission; localId?: string; problems: SubmissionProblem[] } {
  const problems: SubmissionProblem[] = [];
  if (!isObject(body)) return { problems: [{ expression: '', message: 'must be a JSON object' }] };
  const { patient, report } = body;
  let localId: string | undefined;
  if (!isObject(patient) || patient.resourceType !== 'Patient') {
    problems.push({ expression: 'patient', message: 'must be a FHIR Patient resource' });
  } else if (!Array.isArray(patient.identifier)) {
    problems.push({ expression: 'patient.identifier', message: 'must be an array' });
  } else {
    const own = patient.identifier.find(
      (i: unknown) => isObject(i) && i.system === patientSystem && typeof i.value === 'string',
    ) as { value: string } | undefined;
    if (!own || own.value.trim() === '')
      problems.push({
        expression: 'patient.identifier',
        message: `must include this partner's patient id (system ${patientSystem})`,
      });
    else localId = own.value.trim();
    if (
      patient.gender !== undefined &&
      !['male', 'female', 'other', 'unknown'].includes(String(patient.gender))
    )
      problems.push({
        expression: 'patient.gender',
        message: 'must be male, female, other or unknown',
      });
    if (
      patient.birthDate !== undefined &&
      (typeof patient.birthDate !== 'string' ||
        !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(patient.birthDate))
    )
      problems.push({ expression: 'patient.birthDate', message: 'must be a FHIR date' });
  }
  if (!isObject(report) || report.resourceType !== 'DiagnosticReport') {
    problems.push({ expression: 'report', message: 'must be a FHIR DiagnosticReport resource' });
    return { problems };
  }
  if (typeof report.id !== 'string' || !FHIR_ID.test(report.id))
    problems.push({
      expression: 'report.id',
      message: 'must be a FHIR id (1-64 of A-Z a-z 0-9 - .)',
    });
  if (typeof report.status !== 'string' || !REPORT_STATUSES.has(report.status))
    problems.push({
      expression: 'report.status',
      message: `must be one of ${[...REPORT_STATUSES].join(', ')}`,
    });
  checkConcept(report.code, 'report.code', problems);
  for (const field of ['effectiveDateTime', 'issued'] as const) {
    const value = report[field];
    if (value !== undefined && (typeof value !== 'string' || !FHIR_DATE_TIME.test(value)))
      problems.push({ expression: `report.${field}`, message: 'must be a FHIR dateTime' });
  }
  if (report.conclusion !== undefined && typeof report.conclusion !== 'string')
    problems.push({ expression: 'report.conclusion', message: 'must be a string' });
  for (const field of ['category', 'conclusionCode'] as const) {
    const value = report[field];
    if (value === undefined) continue;
    if (!Array.isArray(value))
      problems.push({ expression: `report.${field}`, message: 'must be an array' });
    else value.forEach((c, i) => checkConcept(c, `report.${field}[${i}]`, problems));
  }
  const security = isObject(report.meta) ? report.meta.security : undefined;
  if (security !== undefined && !Array.isArray(security))
    problems.push({ expression: 'report.meta.security', message: 'must be an array' });
  if (problems.length > 0) return { problems };
  return { submission: body as unknown as ReportSubmission, localId, problems };
}
