import type { Condition } from '../condition/condition.type';
import { str, type FhirJson } from '../fhir/fhir-json';
import {
  idOf,
  recordSource,
  toCodeableConcept,
  toCodeableConcepts,
  toNotes,
  toPeriod,
  toReference,
} from './fhir-datatypes';

/** A stored FHIR R4 Condition as the GraphQL Condition. */
export function fhirConditionToCondition(resource: FhirJson, fhirBaseUrl: string): Condition {
  return {
    id: idOf(resource),
    clinicalStatus: toCodeableConcept(resource.clinicalStatus),
    verificationStatus: toCodeableConcept(resource.verificationStatus),
    category: toCodeableConcepts(resource.category),
    severity: toCodeableConcept(resource.severity),
    code: toCodeableConcept(resource.code),
    bodySite: toCodeableConcepts(resource.bodySite),
    encounter: toReference(resource.encounter),
    onsetDateTime: str(resource.onsetDateTime),
    onsetPeriod: toPeriod(resource.onsetPeriod),
    onsetString: str(resource.onsetString),
    abatementDateTime: str(resource.abatementDateTime),
    recordedDate: str(resource.recordedDate),
    note: toNotes(resource.note),
    source: recordSource(resource, fhirBaseUrl),
  };
}
