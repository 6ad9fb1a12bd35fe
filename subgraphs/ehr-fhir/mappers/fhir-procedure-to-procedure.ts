import type { Procedure } from '../procedure/procedure.type';
import { str, type FhirJson } from '../fhir/fhir-json';
import {
  idOf,
  recordSource,
  toCodeableConcept,
  toCodeableConcepts,
  toNotes,
  toPeriod,
  toReference,
  toReferences,
} from './fhir-datatypes';

/** A stored FHIR R4 Procedure as the GraphQL Procedure. */
export function fhirProcedureToProcedure(resource: FhirJson, fhirBaseUrl: string): Procedure {
  return {
    id: idOf(resource),
    status: str(resource.status) ?? 'unknown',
    statusReason: toCodeableConcept(resource.statusReason),
    category: toCodeableConcept(resource.category),
    code: toCodeableConcept(resource.code),
    encounter: toReference(resource.encounter),
    performedDateTime: str(resource.performedDateTime),
    performedPeriod: toPeriod(resource.performedPeriod),
    reasonCode: toCodeableConcepts(resource.reasonCode),
    reasonReference: toReferences(resource.reasonReference),
    bodySite: toCodeableConcepts(resource.bodySite),
    outcome: toCodeableConcept(resource.outcome),
    note: toNotes(resource.note),
    source: recordSource(resource, fhirBaseUrl),
  };
}
