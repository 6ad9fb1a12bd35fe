import type { Coding } from '../../shared/fhir/coding.type';
import type { Encounter } from '../../shared/fhir/encounter.type';
import { obj, objects, str, type FhirJson } from '../fhir/fhir-json';
import {
  idOf,
  recordSource,
  toCodeableConcept,
  toCodeableConcepts,
  toCoding,
  toPeriod,
  toReference,
} from './fhir-datatypes';

/**
 * R4 Encounter.class is a Coding; R5-leaning vendors send a CodeableConcept (or a
 * list of them). Either way the first coding is the class.
 */
function classOf(value: unknown): Coding | null {
  const single = obj(value) ?? objects(value)[0] ?? null;
  if (!single) return null;
  if (single.coding !== undefined) return toCoding(objects(single.coding)[0]);
  return toCoding(single);
}

/** A stored FHIR R4 Encounter as the shared GraphQL Encounter. */
export function fhirEncounterToEncounter(resource: FhirJson, fhirBaseUrl: string): Encounter {
  const hospitalization = obj(resource.hospitalization);
  return {
    id: idOf(resource),
    status: str(resource.status) ?? 'unknown',
    class: classOf(resource.class),
    type: toCodeableConcepts(resource.type),
    serviceType: toCodeableConcept(resource.serviceType),
    period: toPeriod(resource.period),
    reasonCode: toCodeableConcepts(resource.reasonCode),
    hospitalization: hospitalization
      ? {
          admitSource: toCodeableConcept(hospitalization.admitSource),
          dischargeDisposition: toCodeableConcept(hospitalization.dischargeDisposition),
        }
      : null,
    location: objects(resource.location).map((location) => ({
      location: toReference(location.location) ?? { reference: null, type: null, display: null },
      status: str(location.status),
      period: toPeriod(location.period),
    })),
    serviceProvider: toReference(resource.serviceProvider),
    participant: objects(resource.participant)
      .map((p) => toReference(p.individual))
      .filter((r) => r !== null),
    source: recordSource(resource, fhirBaseUrl),
  };
}
