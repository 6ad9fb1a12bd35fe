import type { Dosage, MedicationRequest } from '../medication-request/medication-request.type';
import { bool, num, obj, objects, str, type FhirJson } from '../fhir/fhir-json';
import {
  idOf,
  recordSource,
  toCodeableConcept,
  toCodeableConcepts,
  toNotes,
  toQuantity,
  toReference,
  toReferences,
} from './fhir-datatypes';

function intOf(value: unknown): number | null {
  const n = num(value);
  return n !== null && Number.isInteger(n) && Math.abs(n) <= 2_147_483_647 ? n : null;
}

function dosageOf(dosage: FhirJson): Dosage {
  const timing = obj(dosage.timing);
  const repeat = obj(timing?.repeat);
  return {
    sequence: intOf(dosage.sequence),
    text: str(dosage.text),
    patientInstruction: str(dosage.patientInstruction),
    timing: timing
      ? {
          code: toCodeableConcept(timing.code),
          frequency: intOf(repeat?.frequency),
          period: num(repeat?.period),
          periodUnit: str(repeat?.periodUnit),
        }
      : null,
    asNeededBoolean: bool(dosage.asNeededBoolean),
    route: toCodeableConcept(dosage.route),
    doseQuantity: toQuantity(objects(dosage.doseAndRate)[0]?.doseQuantity),
  };
}

/** A stored FHIR R4 MedicationRequest as the GraphQL MedicationRequest. */
export function fhirMedicationRequestToMedicationRequest(
  resource: FhirJson,
  fhirBaseUrl: string,
): MedicationRequest {
  return {
    id: idOf(resource),
    status: str(resource.status) ?? 'unknown',
    intent: str(resource.intent) ?? 'order',
    category: toCodeableConcepts(resource.category),
    priority: str(resource.priority),
    medicationCodeableConcept: toCodeableConcept(resource.medicationCodeableConcept),
    medicationReference: toReference(resource.medicationReference),
    encounter: toReference(resource.encounter),
    authoredOn: str(resource.authoredOn),
    requester: toReference(resource.requester),
    reasonCode: toCodeableConcepts(resource.reasonCode),
    reasonReference: toReferences(resource.reasonReference),
    dosageInstruction: objects(resource.dosageInstruction).map(dosageOf),
    note: toNotes(resource.note),
    source: recordSource(resource, fhirBaseUrl),
  };
}
