import { toInstant } from '../fhir/fhir-date';
import { isObject, list, obj, objects, str, type FhirJson } from '../fhir/fhir-json';
import { parseReference } from '../fhir/references';

export interface TokenRow {
  param: string;
  system: string;
  code: string;
}

/** The searchable facts of one resource: what the store's indexed columns hold. */
export interface ResourceIndex {
  patientId: string | null;
  status: string | null;
  dateStart: string | null;
  dateEnd: string | null;
  tokens: TokenRow[];
}

/** Elements that put a resource in a patient's compartment, in the order they are tried. */
const PATIENT_ELEMENTS = ['subject', 'patient', 'beneficiary'];

export function patientIdOf(resource: FhirJson): string | null {
  if (resource.resourceType === 'Patient') return str(resource.id);
  for (const element of PATIENT_ELEMENTS) {
    for (const ref of objects(resource[element])) {
      const reference = str(ref.reference);
      const parsed = reference ? parseReference(reference) : null;
      if (parsed?.resourceType === 'Patient') return parsed.id;
    }
  }
  return null;
}

/** The element holding a resource's clinical time, per type (first present wins). */
const DATE_ELEMENTS: Record<string, string[]> = {
  Observation: ['effectiveDateTime', 'effectivePeriod', 'effectiveInstant', 'issued'],
  DiagnosticReport: ['effectiveDateTime', 'effectivePeriod', 'issued'],
  Encounter: ['period'],
  Condition: ['onsetDateTime', 'onsetPeriod', 'recordedDate'],
  MedicationRequest: ['authoredOn'],
  AllergyIntolerance: ['onsetDateTime', 'recordedDate'],
  Immunization: ['occurrenceDateTime', 'recorded'],
  Procedure: ['performedDateTime', 'performedPeriod'],
};
const DEFAULT_DATE_ELEMENTS = ['effectiveDateTime', 'period', 'authoredOn', 'date', 'created'];

export function dateRangeOf(resource: FhirJson): { start: string | null; end: string | null } {
  const type = str(resource.resourceType) ?? '';
  for (const element of DATE_ELEMENTS[type] ?? DEFAULT_DATE_ELEMENTS) {
    const value = resource[element];
    if (typeof value === 'string') {
      const start = toInstant(value, 'start');
      if (start) return { start, end: toInstant(value, 'end') };
    } else if (isObject(value)) {
      const start = str(value.start) ? toInstant(value.start as string, 'start') : null;
      const end = str(value.end) ? toInstant(value.end as string, 'end') : null;
      if (start || end) return { start: start ?? end, end };
    }
  }
  return { start: null, end: null };
}

function firstCode(concept: unknown): string | null {
  const value = obj(concept);
  if (!value) return null;
  for (const coding of objects(value.coding)) {
    const code = str(coding.code);
    if (code) return code;
  }
  return str(value.text);
}

export function statusOf(resource: FhirJson): string | null {
  if (resource.resourceType === 'Condition' || resource.resourceType === 'AllergyIntolerance') {
    return firstCode(resource.clinicalStatus);
  }
  return str(resource.status);
}

function conceptTokens(param: string, concept: unknown): TokenRow[] {
  return objects(obj(concept)?.coding).flatMap((coding) => {
    const code = str(coding.code);
    return code ? [{ param, system: str(coding.system) ?? '', code }] : [];
  });
}

/** The element searched by the `code` parameter, per type (FHIR R4 search parameters). */
const CODE_ELEMENT: Record<string, string> = {
  MedicationRequest: 'medicationCodeableConcept',
  MedicationStatement: 'medicationCodeableConcept',
  MedicationAdministration: 'medicationCodeableConcept',
  MedicationDispense: 'medicationCodeableConcept',
  Immunization: 'vaccineCode',
};

export function tokensOf(resource: FhirJson): TokenRow[] {
  const type = str(resource.resourceType) ?? '';
  const tokens: TokenRow[] = [];
  tokens.push(...conceptTokens('code', resource[CODE_ELEMENT[type] ?? 'code']));
  for (const category of list(resource.category)) {
    // AllergyIntolerance.category is a list of codes; elsewhere CodeableConcepts.
    if (typeof category === 'string')
      tokens.push({ param: 'category', system: '', code: category });
    else tokens.push(...conceptTokens('category', category));
  }
  if (type === 'Encounter') {
    for (const concept of list(resource.type)) tokens.push(...conceptTokens('type', concept));
  }
  tokens.push(...conceptTokens('clinical-status', resource.clinicalStatus));
  tokens.push(...conceptTokens('verification-status', resource.verificationStatus));
  for (const identifier of objects(resource.identifier)) {
    const value = str(identifier.value);
    if (value)
      tokens.push({ param: 'identifier', system: str(identifier.system) ?? '', code: value });
  }
  const seen = new Set<string>();
  return tokens.filter((t) => {
    const key = `${t.param}\u0000${t.system}\u0000${t.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function indexResource(resource: FhirJson): ResourceIndex {
  const { start, end } = dateRangeOf(resource);
  return {
    patientId: patientIdOf(resource),
    status: statusOf(resource),
    dateStart: start,
    dateEnd: end,
    tokens: tokensOf(resource),
  };
}
