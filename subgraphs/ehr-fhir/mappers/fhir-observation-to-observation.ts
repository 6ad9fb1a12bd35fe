import type { Observation, ObservationComponent } from '../../shared/fhir/observation.type';
import { bool, num, objects, str, type FhirJson } from '../fhir/fhir-json';
import {
  idOf,
  recordSource,
  toCodeableConcept,
  toCodeableConcepts,
  toNotes,
  toPeriod,
  toQuantity,
  toRange,
  toRatio,
  toReference,
  toReferenceRanges,
  toRequiredConcept,
} from './fhir-datatypes';

function integerOf(value: unknown): number | null {
  const n = num(value);
  // GraphQL Int is 32-bit; a larger FHIR integer64-ish value is not representable.
  return n !== null && Number.isInteger(n) && Math.abs(n) <= 2_147_483_647 ? n : null;
}

function componentOf(component: FhirJson): ObservationComponent {
  return {
    code: toRequiredConcept(component.code),
    valueQuantity: toQuantity(component.valueQuantity),
    valueCodeableConcept: toCodeableConcept(component.valueCodeableConcept),
    valueString: str(component.valueString),
    interpretation: toCodeableConcepts(component.interpretation),
    referenceRange: toReferenceRanges(component.referenceRange),
  };
}

/** A stored FHIR R4 Observation as the shared GraphQL Observation. */
export function fhirObservationToObservation(resource: FhirJson, fhirBaseUrl: string): Observation {
  return {
    id: idOf(resource),
    status: str(resource.status) ?? 'unknown',
    category: toCodeableConcepts(resource.category),
    code: toRequiredConcept(resource.code),
    encounter: toReference(resource.encounter),
    effectiveDateTime: str(resource.effectiveDateTime) ?? str(resource.effectiveInstant),
    effectivePeriod: toPeriod(resource.effectivePeriod),
    issued: str(resource.issued),
    valueQuantity: toQuantity(resource.valueQuantity),
    valueCodeableConcept: toCodeableConcept(resource.valueCodeableConcept),
    valueString: str(resource.valueString),
    valueBoolean: bool(resource.valueBoolean),
    valueInteger: integerOf(resource.valueInteger),
    valueRange: toRange(resource.valueRange),
    valueRatio: toRatio(resource.valueRatio),
    valueDateTime: str(resource.valueDateTime),
    dataAbsentReason: toCodeableConcept(resource.dataAbsentReason),
    interpretation: toCodeableConcepts(resource.interpretation),
    referenceRange: toReferenceRanges(resource.referenceRange),
    component: objects(resource.component).map(componentOf),
    note: toNotes(resource.note),
    source: recordSource(resource, fhirBaseUrl),
  };
}
