import type { Immunization } from '../immunization/immunization.type';
import { bool, str, type FhirJson } from '../fhir/fhir-json';
import {
  idOf,
  recordSource,
  toCodeableConcept,
  toNotes,
  toQuantity,
  toReference,
  toRequiredConcept,
} from './fhir-datatypes';

/** A stored FHIR R4 Immunization as the GraphQL Immunization. */
export function fhirImmunizationToImmunization(
  resource: FhirJson,
  fhirBaseUrl: string,
): Immunization {
  return {
    id: idOf(resource),
    status: str(resource.status) ?? 'completed',
    statusReason: toCodeableConcept(resource.statusReason),
    vaccineCode: toRequiredConcept(resource.vaccineCode),
    occurrenceDateTime: str(resource.occurrenceDateTime),
    occurrenceString: str(resource.occurrenceString),
    recorded: str(resource.recorded),
    primarySource: bool(resource.primarySource),
    lotNumber: str(resource.lotNumber),
    expirationDate: str(resource.expirationDate),
    site: toCodeableConcept(resource.site),
    route: toCodeableConcept(resource.route),
    doseQuantity: toQuantity(resource.doseQuantity),
    encounter: toReference(resource.encounter),
    note: toNotes(resource.note),
    source: recordSource(resource, fhirBaseUrl),
  };
}
