import type {
  FhirAddressJson,
  FhirContactPointJson,
  FhirHumanNameJson,
  LinkIdentifier,
  PatientLinkRequest,
} from '../../shared/patient/link-request';
import { isFhirDate } from '../fhir/fhir-date';
import { obj, objects, str, strings, type FhirJson } from '../fhir/fhir-json';

/** The identifier system under which this EHR's Patient ids are known to identity. */
export function localPatientSystem(fhirBaseUrl: string): string {
  return `${fhirBaseUrl.replace(/\/+$/, '')}/Patient`;
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(
      ([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0),
    ),
  ) as T;
}

function typeCodeOf(identifier: FhirJson): string | null {
  const type = obj(identifier.type);
  const coding = objects(type?.coding);
  const v2 = coding.find((c) => str(c.system) === 'http://terminology.hl7.org/CodeSystem/v2-0203');
  return str((v2 ?? coding[0])?.code) ?? null;
}

function nameOf(name: FhirJson): FhirHumanNameJson {
  return defined({
    use: str(name.use) ?? undefined,
    text: str(name.text) ?? undefined,
    family: str(name.family) ?? undefined,
    given: strings(name.given),
    prefix: strings(name.prefix),
    suffix: strings(name.suffix),
  });
}

function addressOf(address: FhirJson): FhirAddressJson {
  return defined({
    use: str(address.use) ?? undefined,
    text: str(address.text) ?? undefined,
    line: strings(address.line),
    city: str(address.city) ?? undefined,
    district: str(address.district) ?? undefined,
    state: str(address.state) ?? undefined,
    postalCode: str(address.postalCode) ?? undefined,
    country: str(address.country) ?? undefined,
  });
}

function telecomOf(contact: FhirJson): FhirContactPointJson {
  return defined({
    system: str(contact.system) ?? undefined,
    value: str(contact.value) ?? undefined,
    use: str(contact.use) ?? undefined,
  });
}

/**
 * What identity is told about a FHIR Patient: first this EHR's own key for it
 * (`<FHIR base>/Patient` + Patient.id), then every identifier the record carries
 * (with its v2 type code: MR, SS, ...), and the demographics. Identifiers without
 * a system or value cannot be matched on and are left out; a birthDate or gender
 * identity would refuse is left out rather than losing the link.
 */
export function fhirPatientToLinkRequest(
  patient: FhirJson,
  fhirBaseUrl: string,
): PatientLinkRequest {
  const identifiers: LinkIdentifier[] = [
    { system: localPatientSystem(fhirBaseUrl), value: String(patient.id) },
  ];
  const seen = new Set(identifiers.map((i) => `${i.system}|${i.value}`));
  for (const identifier of objects(patient.identifier)) {
    const system = str(identifier.system);
    const value = str(identifier.value);
    if (!system || !value || seen.has(`${system}|${value}`)) continue;
    seen.add(`${system}|${value}`);
    identifiers.push({
      system,
      value,
      use: str(identifier.use),
      typeCode: typeCodeOf(identifier),
    });
  }
  const birthDate = str(patient.birthDate);
  const gender = str(patient.gender);
  return {
    source: 'ehr-fhir',
    identifiers,
    demographics: {
      names: objects(patient.name).map(nameOf),
      birthDate: birthDate && isFhirDate(birthDate) ? birthDate : null,
      gender: gender && ['male', 'female', 'other', 'unknown'].includes(gender) ? gender : null,
      addresses: objects(patient.address).map(addressOf),
      telecom: objects(patient.telecom).map(telecomOf),
    },
  };
}
