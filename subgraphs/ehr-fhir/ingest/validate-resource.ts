import type { IssueType, OperationOutcomeIssue } from '../../shared/fhir/outcomes';
import { isFhirDate, isFhirDateTime } from '../fhir/fhir-date';
import { isObject, type FhirJson } from '../fhir/fhir-json';
import { FHIR_ID, R4_RESOURCE_TYPES } from '../fhir/resource-types';

/**
 * Structural checks of one resource: what the store and the graph rely on (a known
 * R4 type, a usable id, the required elements of exposed types, the JSON types of
 * key elements). Not a profile validator: unknown elements, extensions and odd but
 * harmless shapes pass, because real vendors send them.
 */
type Check = (resource: FhirJson, report: Reporter) => void;

class Reporter {
  readonly issues: OperationOutcomeIssue[] = [];
  constructor(private readonly root: string) {}

  add(
    code: IssueType,
    element: string,
    diagnostics: string,
    severity: 'error' | 'warning' = 'error',
  ) {
    this.issues.push({
      severity,
      code,
      diagnostics,
      expression: [element ? `${this.root}.${element}` : this.root],
    });
  }
}

function required(r: FhirJson, report: Reporter, ...elements: string[]): void {
  const present = elements.filter((e) => r[e] !== undefined && r[e] !== null);
  if (present.length === 0) {
    const name =
      elements.length === 1 ? elements[0]! : `${elements[0]!.replace(/[A-Z].*$/, '')}[x]`;
    report.add('required', name, `${String(r.resourceType)}.${name} is required`);
  }
}

function text(r: FhirJson, report: Reporter, element: string): void {
  if (r[element] !== undefined && typeof r[element] !== 'string') {
    report.add('value', element, `${element} must be a string`);
  }
}

function concept(r: FhirJson, report: Reporter, element: string): void {
  const value = r[element];
  if (value === undefined) return;
  if (!isObject(value)) {
    report.add('value', element, `${element} must be a CodeableConcept object`);
    return;
  }
  if (value.coding !== undefined && !Array.isArray(value.coding) && !isObject(value.coding)) {
    report.add('value', `${element}.coding`, `${element}.coding must be a list of Coding`);
  }
}

function reference(r: FhirJson, report: Reporter, element: string): void {
  const value = r[element];
  if (value === undefined) return;
  if (!isObject(value)) {
    report.add('value', element, `${element} must be a Reference object`);
  } else if (value.reference !== undefined && typeof value.reference !== 'string') {
    report.add('value', `${element}.reference`, `${element}.reference must be a string`);
  }
}

function dateTime(r: FhirJson, report: Reporter, element: string, dateOnly = false): void {
  const value = r[element];
  if (value === undefined) return;
  const ok = typeof value === 'string' && (dateOnly ? isFhirDate(value) : isFhirDateTime(value));
  if (!ok) {
    report.add('value', element, `${element} must be a FHIR ${dateOnly ? 'date' : 'dateTime'}`);
  }
}

function period(r: FhirJson, report: Reporter, element: string): void {
  const value = r[element];
  if (value === undefined) return;
  if (!isObject(value)) {
    report.add('value', element, `${element} must be a Period object`);
    return;
  }
  for (const edge of ['start', 'end']) {
    const v = value[edge];
    if (v !== undefined && !(typeof v === 'string' && isFhirDateTime(v))) {
      report.add('value', `${element}.${edge}`, `${element}.${edge} must be a FHIR dateTime`);
    }
  }
}

function quantity(r: FhirJson, report: Reporter, element: string): void {
  const value = r[element];
  if (value === undefined) return;
  if (!isObject(value)) report.add('value', element, `${element} must be a Quantity object`);
  else if (value.value !== undefined && typeof value.value !== 'number') {
    report.add('value', `${element}.value`, `${element}.value must be a number`);
  }
}

const CHECKS: Record<string, Check> = {
  Patient(r, report) {
    dateTime(r, report, 'birthDate', true);
    text(r, report, 'gender');
    if (
      typeof r.gender === 'string' &&
      !['male', 'female', 'other', 'unknown'].includes(r.gender)
    ) {
      report.add('value', 'gender', 'gender is not male, female, other or unknown', 'warning');
    }
  },
  Observation(r, report) {
    required(r, report, 'status');
    required(r, report, 'code');
    text(r, report, 'status');
    concept(r, report, 'code');
    reference(r, report, 'subject');
    dateTime(r, report, 'effectiveDateTime');
    period(r, report, 'effectivePeriod');
    quantity(r, report, 'valueQuantity');
  },
  Encounter(r, report) {
    required(r, report, 'status');
    text(r, report, 'status');
    reference(r, report, 'subject');
    period(r, report, 'period');
    if (r.class === undefined)
      report.add('required', 'class', 'Encounter.class is missing', 'warning');
  },
  Condition(r, report) {
    required(r, report, 'subject');
    reference(r, report, 'subject');
    concept(r, report, 'code');
    concept(r, report, 'clinicalStatus');
    concept(r, report, 'verificationStatus');
    dateTime(r, report, 'onsetDateTime');
    dateTime(r, report, 'recordedDate');
  },
  MedicationRequest(r, report) {
    required(r, report, 'status');
    required(r, report, 'intent');
    required(r, report, 'subject');
    required(r, report, 'medicationCodeableConcept', 'medicationReference');
    text(r, report, 'status');
    reference(r, report, 'subject');
    concept(r, report, 'medicationCodeableConcept');
    dateTime(r, report, 'authoredOn');
  },
  AllergyIntolerance(r, report) {
    required(r, report, 'patient');
    reference(r, report, 'patient');
    concept(r, report, 'code');
    concept(r, report, 'clinicalStatus');
    dateTime(r, report, 'recordedDate');
    dateTime(r, report, 'onsetDateTime');
  },
  Immunization(r, report) {
    required(r, report, 'status');
    required(r, report, 'vaccineCode');
    required(r, report, 'patient');
    required(r, report, 'occurrenceDateTime', 'occurrenceString');
    concept(r, report, 'vaccineCode');
    reference(r, report, 'patient');
    dateTime(r, report, 'occurrenceDateTime');
  },
  Procedure(r, report) {
    required(r, report, 'status');
    required(r, report, 'subject');
    reference(r, report, 'subject');
    concept(r, report, 'code');
    dateTime(r, report, 'performedDateTime');
    period(r, report, 'performedPeriod');
  },
  DiagnosticReport(r, report) {
    required(r, report, 'status');
    required(r, report, 'code');
    concept(r, report, 'code');
    reference(r, report, 'subject');
    dateTime(r, report, 'effectiveDateTime');
    period(r, report, 'effectivePeriod');
  },
};

/**
 * Issues found in `resource`; `root` is the FHIRPath it sits at (e.g.
 * `Bundle.entry[3].resource`, or its type for a resource sent alone).
 */
export function validateResource(resource: unknown, root?: string): OperationOutcomeIssue[] {
  const base =
    root ??
    (isObject(resource) && typeof resource.resourceType === 'string'
      ? resource.resourceType
      : 'Resource');
  const report = new Reporter(base);
  if (!isObject(resource)) {
    report.add('structure', '', 'A resource must be a JSON object');
    return report.issues;
  }
  const type = resource.resourceType;
  if (typeof type !== 'string' || type.length === 0) {
    report.add('required', 'resourceType', 'resourceType is required');
    return report.issues;
  }
  if (!R4_RESOURCE_TYPES.has(type)) {
    report.add('not-supported', 'resourceType', `${type} is not a FHIR R4 resource type`);
    return report.issues;
  }
  if (
    resource.id !== undefined &&
    !(typeof resource.id === 'string' && FHIR_ID.test(resource.id))
  ) {
    report.add('value', 'id', 'id must be 1-64 characters of A-Z, a-z, 0-9, "-" and "."');
  }
  CHECKS[type]?.(resource, report);
  return report.issues;
}

export function hasErrors(issues: OperationOutcomeIssue[]): boolean {
  return issues.some((i) => i.severity === 'error' || i.severity === 'fatal');
}
