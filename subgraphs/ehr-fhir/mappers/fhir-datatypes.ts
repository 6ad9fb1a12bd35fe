import type { CodeableConcept, Coding } from '../../shared/fhir/coding.type';
import type { Period } from '../../shared/fhir/period.type';
import type {
  ObservationReferenceRange,
  Quantity,
  Range,
  Ratio,
} from '../../shared/fhir/quantity.type';
import type { RecordSource } from '../../shared/fhir/record-source.type';
import type { Reference } from '../../shared/fhir/reference.type';
import { bool, num, obj, objects, str, type FhirJson } from '../fhir/fhir-json';

/**
 * FHIR R4 JSON datatypes to the shared GraphQL datatypes. Every function is total:
 * absent or malformed input gives null (or an empty list), never an exception, and
 * every coding of a concept is kept as sent (LOINC, SNOMED CT, RxNorm, ICD-10 side
 * by side), never reduced to one.
 */
export function toCoding(value: unknown): Coding | null {
  const coding = obj(value);
  if (!coding) return null;
  return {
    system: str(coding.system),
    version: str(coding.version),
    code: str(coding.code) ?? (typeof coding.code === 'number' ? String(coding.code) : null),
    display: str(coding.display),
    userSelected: bool(coding.userSelected),
  };
}

export function toCodeableConcept(value: unknown): CodeableConcept | null {
  const concept = obj(value);
  if (!concept) return null;
  return {
    coding: objects(concept.coding)
      .map(toCoding)
      .filter((c): c is Coding => c !== null),
    text: str(concept.text),
  };
}

export function toCodeableConcepts(value: unknown): CodeableConcept[] {
  return objects(value)
    .map(toCodeableConcept)
    .filter((c): c is CodeableConcept => c !== null);
}

/** A required concept (Observation.code): an empty concept rather than null. */
export function toRequiredConcept(value: unknown): CodeableConcept {
  return toCodeableConcept(value) ?? { coding: [], text: null };
}

export function toReference(value: unknown): Reference | null {
  const reference = obj(value);
  if (!reference) return null;
  return {
    reference: str(reference.reference),
    type: str(reference.type),
    display: str(reference.display),
  };
}

export function toReferences(value: unknown): Reference[] {
  return objects(value)
    .map(toReference)
    .filter((r): r is Reference => r !== null);
}

export function toPeriod(value: unknown): Period | null {
  const period = obj(value);
  if (!period) return null;
  return { start: str(period.start), end: str(period.end) };
}

export function toQuantity(value: unknown): Quantity | null {
  const quantity = obj(value);
  if (!quantity) return null;
  return {
    value: num(quantity.value),
    comparator: str(quantity.comparator),
    unit: str(quantity.unit),
    system: str(quantity.system),
    code: str(quantity.code),
  };
}

export function toRange(value: unknown): Range | null {
  const range = obj(value);
  return range ? { low: toQuantity(range.low), high: toQuantity(range.high) } : null;
}

export function toRatio(value: unknown): Ratio | null {
  const ratio = obj(value);
  return ratio
    ? { numerator: toQuantity(ratio.numerator), denominator: toQuantity(ratio.denominator) }
    : null;
}

export function toReferenceRanges(value: unknown): ObservationReferenceRange[] {
  return objects(value).map((range) => ({
    low: toQuantity(range.low),
    high: toQuantity(range.high),
    type: toCodeableConcept(range.type),
    text: str(range.text),
  }));
}

/** FHIR Annotation[] as their texts. */
export function toNotes(value: unknown): string[] {
  return objects(value)
    .map((note) => str(note.text))
    .filter((t): t is string => t !== null);
}

/** Where a record came from: this EHR, its FHIR base, `Type/id`, FHIR R4. */
export function recordSource(resource: FhirJson, fhirBaseUrl: string): RecordSource {
  return {
    subgraph: 'ehr-fhir',
    system: fhirBaseUrl,
    recordId: `${str(resource.resourceType) ?? 'Resource'}/${str(resource.id) ?? ''}`,
    format: 'FHIR R4',
  };
}

/** The FHIR id of a stored resource (the store always writes one). */
export function idOf(resource: FhirJson): string {
  return str(resource.id) ?? '';
}
