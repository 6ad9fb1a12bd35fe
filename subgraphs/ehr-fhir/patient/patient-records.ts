import { localIdsOf, type VendorPatientRepresentation } from '../../shared/patient/vendor-patient';
import type { EhrFhirContext } from '../context';
import type { FhirJson } from '../fhir/fhir-json';
import { localPatientSystem } from '../mappers/fhir-patient-to-link-request';
import type { RecordFilter } from '../records/record-query';

/**
 * The records of one global patient in this EHR, mapped for GraphQL: the patient's
 * local ids come from the identifiers the gateway passed (@requires), the rows
 * from the request's batched loader.
 */
export async function patientRecords<T>(
  context: EhrFhirContext,
  patient: VendorPatientRepresentation,
  filter: RecordFilter,
  map: (resource: FhirJson, fhirBaseUrl: string) => T,
): Promise<T[]> {
  const system = localPatientSystem(context.fhirBaseUrl);
  const patientIds = localIdsOf(patient, (s) => s === system).map((i) => i.value);
  if (patientIds.length === 0) return [];
  const resources = await context.records.load({ patientIds, filter });
  return resources.map((resource) => map(resource, context.fhirBaseUrl));
}
