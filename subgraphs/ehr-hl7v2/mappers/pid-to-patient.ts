import type {
  FhirAddressJson,
  FhirContactPointJson,
  FhirHumanNameJson,
  LinkDemographics,
  LinkIdentifier,
} from '../../shared/patient/link-request';
import { VENDOR_SYSTEMS } from '../../../generator/vendor-systems';
import { clean, componentValue, getRepetitions, type Hl7Components } from '../hl7/hl7-access';
import { hl7DateToFhirDate } from '../hl7/hl7-datetime';
import type { Hl7Segment } from '../hl7/hl7-message';
import {
  authorityKey,
  identifierSystem,
  isSsn,
  normaliseSsn,
  type AuthoritySystems,
} from './identifier-systems';
import { xadToAddress, xpnToHumanName, xtnToContactPoint } from './person-datatypes';

/** A patient as one PID segment describes them. */
export interface Hl7PatientRecord {
  /** The feed's own key for the patient: the first PID-3 identifier. */
  keySystem: string;
  keyValue: string;
  /** CX.4 of the key as sent ('' when none). */
  authority: string;
  /** Every identifier, the key first, duplicates removed. */
  identifiers: LinkIdentifier[];
  demographics: Required<Pick<LinkDemographics, 'names' | 'addresses' | 'telecom'>> & {
    birthDate: string | null;
    gender: string | null;
  };
}

// Table 0001 (administrative sex) to FHIR AdministrativeGender.
const GENDER: Record<string, string> = {
  M: 'male',
  F: 'female',
  O: 'other',
  A: 'other',
  N: 'unknown',
  U: 'unknown',
  X: 'other',
};

export interface PidMappingOptions {
  authoritySystems: AuthoritySystems;
  /** Scope for identifiers without an assigning authority: MSH-4, else MSH-3. */
  senderScope: string;
}

function cxToIdentifier(cx: Hl7Components, options: PidMappingOptions): LinkIdentifier | null {
  const raw = clean(componentValue(cx, 1));
  if (!raw) return null;
  const ssn = isSsn(cx, options.authoritySystems);
  const system = identifierSystem(cx, options.authoritySystems, options.senderScope);
  const typeCode = clean(componentValue(cx, 5)) || null;
  return { system, value: ssn ? normaliseSsn(raw) : raw, typeCode };
}

function dedupe(identifiers: LinkIdentifier[]): LinkIdentifier[] {
  const seen = new Set<string>();
  return identifiers.filter((identifier) => {
    const key = `${identifier.system}|${identifier.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function compact<T>(values: (T | null)[]): T[] {
  return values.filter((value): value is T => value !== null);
}

/**
 * PID to the patient record the store keeps and identity links. Returns null when
 * PID carries no identifier at all (PID-3, or PID-2 of pre-2.5 senders).
 */
export function pidToPatient(pid: Hl7Segment, options: PidMappingOptions): Hl7PatientRecord | null {
  const pid3 = getRepetitions(pid, 3);
  const pid2 = getRepetitions(pid, 2);
  const pid4 = getRepetitions(pid, 4);
  const ids = [...pid3, ...pid2, ...pid4].filter((cx) => clean(componentValue(cx, 1)));
  const keyId = ids[0];
  if (!keyId) return null;
  const identifiers = compact(ids.map((cx) => cxToIdentifier(cx, options)));
  const ssn = clean(componentValue(getRepetitions(pid, 19)[0] ?? [], 1));
  if (ssn)
    identifiers.push({ system: VENDOR_SYSTEMS.ssn, value: normaliseSsn(ssn), typeCode: 'SS' });
  const key = identifiers[0]!;
  const names: FhirHumanNameJson[] = compact(getRepetitions(pid, 5).map(xpnToHumanName));
  const addresses: FhirAddressJson[] = compact(getRepetitions(pid, 11).map(xadToAddress));
  const telecom: FhirContactPointJson[] = compact([
    ...getRepetitions(pid, 13).map((xtn) => xtnToContactPoint(xtn, 'home')),
    ...getRepetitions(pid, 14).map((xtn) => xtnToContactPoint(xtn, 'work')),
    // v2.7 moved telecoms to PID-40 (PID-13/14 withdrawn).
    ...getRepetitions(pid, 40).map((xtn) => xtnToContactPoint(xtn, 'home')),
  ]);
  const birth = clean(componentValue(getRepetitions(pid, 7)[0] ?? [], 1));
  return {
    keySystem: key.system,
    keyValue: key.value,
    authority: authorityKey(keyId),
    identifiers: dedupe(identifiers),
    demographics: {
      names,
      birthDate: birth ? hl7DateToFhirDate(birth) : null,
      gender:
        GENDER[clean(componentValue(getRepetitions(pid, 8)[0] ?? [], 1)).toUpperCase()] ?? null,
      addresses,
      telecom,
    },
  };
}
