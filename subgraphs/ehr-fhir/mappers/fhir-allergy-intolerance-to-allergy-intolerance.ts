import type { AllergyIntolerance } from '../allergy-intolerance/allergy-intolerance.type';
import { objects, str, strings, type FhirJson } from '../fhir/fhir-json';
import {
  idOf,
  recordSource,
  toCodeableConcept,
  toCodeableConcepts,
  toNotes,
} from './fhir-datatypes';

/** A stored FHIR R4 AllergyIntolerance as the GraphQL AllergyIntolerance. */
export function fhirAllergyIntoleranceToAllergyIntolerance(
  resource: FhirJson,
  fhirBaseUrl: string,
): AllergyIntolerance {
  return {
    id: idOf(resource),
    clinicalStatus: toCodeableConcept(resource.clinicalStatus),
    verificationStatus: toCodeableConcept(resource.verificationStatus),
    type: str(resource.type),
    category: strings(resource.category),
    criticality: str(resource.criticality),
    code: toCodeableConcept(resource.code),
    onsetDateTime: str(resource.onsetDateTime),
    recordedDate: str(resource.recordedDate),
    lastOccurrence: str(resource.lastOccurrence),
    reaction: objects(resource.reaction).map((reaction) => ({
      substance: toCodeableConcept(reaction.substance),
      manifestation: toCodeableConcepts(reaction.manifestation),
      description: str(reaction.description),
      onset: str(reaction.onset),
      severity: str(reaction.severity),
      exposureRoute: toCodeableConcept(reaction.exposureRoute),
    })),
    note: toNotes(resource.note),
    source: recordSource(resource, fhirBaseUrl),
  };
}
