import type { LinkIdentifier, PatientLinkRequest } from '../../shared/patient/link-request';
import type { FhirPatientJson } from '../ingest/fhir-json';

/**
 * What identity is told about the partner's patient: the partner's own id first
 * (the key its records are found by), then every other identifier the partner
 * holds (SSN, other hospitals' MRNs: they link the record to a global patient),
 * and the demographics for matching when no identifier is shared.
 */
export function fhirPatientToLinkRequest(
  patient: FhirPatientJson,
  source: string,
  patientSystem: string,
  localId: string,
): PatientLinkRequest {
  const others: LinkIdentifier[] = (patient.identifier ?? [])
    .filter(
      (i) => i.system && i.value && !(i.system === patientSystem && i.value.trim() === localId),
    )
    .map((i) => ({
      system: i.system!,
      value: i.value!.trim(),
      use: i.use ?? null,
      typeCode: i.type?.coding?.find((c) => c.code)?.code ?? null,
    }));
  return {
    source,
    identifiers: [{ system: patientSystem, value: localId, typeCode: 'PI' }, ...others],
    demographics: {
      names: patient.name ?? [],
      birthDate: patient.birthDate ?? null,
      gender: patient.gender ?? null,
      addresses: patient.address ?? [],
      telecom: patient.telecom ?? [],
    },
  };
}
