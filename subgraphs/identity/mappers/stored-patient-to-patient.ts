import type { Address, ContactPoint, HumanName } from '../../shared/fhir/demographics.type';
import type { Identifier } from '../../shared/fhir/identifier.type';
import type {
  FhirAddressJson,
  FhirContactPointJson,
  FhirHumanNameJson,
} from '../../shared/patient/link-request';
import type { Patient } from '../patient/patient.type';
import type { StoredIdentifier, StoredPatient } from '../store';

function parseList<T>(json: string): T[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? (value as T[]) : [];
}

export function humanNameFromJson(name: FhirHumanNameJson): HumanName {
  return {
    use: name.use ?? null,
    text: name.text ?? null,
    family: name.family ?? null,
    given: name.given ?? [],
    prefix: name.prefix ?? [],
    suffix: name.suffix ?? [],
  };
}

export function addressFromJson(address: FhirAddressJson): Address {
  return {
    use: address.use ?? null,
    text: address.text ?? null,
    line: address.line ?? [],
    city: address.city ?? null,
    district: address.district ?? null,
    state: address.state ?? null,
    postalCode: address.postalCode ?? null,
    country: address.country ?? null,
  };
}

export function contactPointFromJson(contact: FhirContactPointJson): ContactPoint {
  return { system: contact.system ?? null, value: contact.value ?? null, use: contact.use ?? null };
}

export function identifierFromStored(identifier: StoredIdentifier): Identifier {
  return {
    system: identifier.system,
    value: identifier.value,
    use: identifier.use,
    type: identifier.typeCode
      ? {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: identifier.typeCode },
          ],
          text: null,
        }
      : null,
    period: null,
    source: identifier.source,
  };
}

/** A stored patient row (and its identifiers) as the GraphQL Patient. */
export function storedPatientToPatient(
  patient: StoredPatient,
  identifiers: StoredIdentifier[],
): Patient {
  return {
    id: patient.id,
    name: parseList<FhirHumanNameJson>(patient.namesJson).map(humanNameFromJson),
    birthDate: patient.birthDate,
    gender: patient.gender,
    address: parseList<FhirAddressJson>(patient.addressesJson).map(addressFromJson),
    telecom: parseList<FhirContactPointJson>(patient.telecomJson).map(contactPointFromJson),
    identifiers: identifiers.map(identifierFromStored),
    chainAddress: patient.chainAddress,
    linkKeys: identifiers.map(({ system, value }) => ({ system, value })),
    consentAddress: patient.chainAddress,
  };
}
